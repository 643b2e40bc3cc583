// Public entry of the Attention Pooling Lab JS API.
export { createLab } from './lab.js';
export { LabError } from './errors.js';
