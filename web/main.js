// Page entry: render the static math at once (first paint does not wait for WASM), then load the
// core and mount every exercise found on the page.
import { createLab } from '../wasm/src/index.js';
import { renderMath } from './math.js';
import { mountKernelRegression } from './widgets/kernel-regression.js';
import { mountLeaveOneOut } from './widgets/leave-one-out.js';
import { mountMoreData } from './widgets/more-data.js';
import { mountLenrek } from './widgets/lenrek.js';

const WIDGETS = {
  'kernel-regression': mountKernelRegression,
  'leave-one-out': mountLeaveOneOut,
  'more-data': mountMoreData,
  lenrek: mountLenrek,
};

async function main() {
  renderMath(document.body);
  const status = document.getElementById('lab-status');
  let lab;
  try {
    lab = await createLab();
  } catch (error) {
    status.textContent = `The computation core could not start in this browser (${error.message}). The lab needs WebAssembly, available in every current browser.`;
    status.classList.add('error');
    return;
  }
  for (const [id, mount] of Object.entries(WIDGETS)) {
    const section = document.getElementById(id);
    if (section) mount(section, lab);
  }
  status.textContent = 'Ready: every number below is computed live.';
}

main();
