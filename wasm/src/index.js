// Public entry of the Attention Pooling Lab JS API.
export { createLab, Lab } from './lab.js';
export { LabError } from './errors.js';
