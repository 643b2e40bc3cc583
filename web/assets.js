// URLs of files shipped next to the lab's script (worker.js, katex/…), so they resolve the same
// whether the page, an iframe or a course page that loads the script from elsewhere runs it.
// In the classic page bundle document.currentScript is the script while it first runs; in the
// ES-module element bundle (and in the worker) import.meta.url is the script's own URL.
const base = (typeof document !== 'undefined' && document.currentScript?.src) || import.meta.url;

export const assetUrl = (name) => new URL(name, base).href;
