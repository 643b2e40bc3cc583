// lang.js: runs before the page paints (a classic script in <head>, so also from file://) and
// sends the reader to the page in their language: ?lang=<code> in the address first (and then
// remembered); on the default page without ?lang=, the choice remembered from before, else the
// browser's languages on a first visit. Pages: index.html for English, index.<code>.html for the others (scripts/build.mjs).
// __APL_LANGUAGES__ (the catalog folders, e.g. ["en","zh"]) is defined by the build.
const KEY = 'attention-pooling-lab:language';
const LANGUAGES = __APL_LANGUAGES__;
const DEFAULT = 'en';

function stored() {
  try {
    return window.localStorage.getItem(KEY);
  } catch {
    return null; // storage blocked (an iframe's third-party storage, private modes): not remembered
  }
}

function remember(code) {
  try {
    window.localStorage.setItem(KEY, code);
  } catch {
    // not remembered; the address still carries ?lang=
  }
}

/** The first of the browser's languages we have, by primary subtag (zh-TW, zh-Hans → zh). */
function fromBrowser() {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const code = String(tag).toLowerCase().split('-')[0];
    if (LANGUAGES.includes(code)) return code;
  }
  return null;
}

const page = document.documentElement.dataset.lang;
const asked = new URLSearchParams(window.location.search).get('lang');
let wanted;
if (LANGUAGES.includes(asked)) {
  wanted = asked;
  remember(asked);
} else {
  // An unknown ?lang= is not guessed at: the page stays as it is (web/main.js says so). Without
  // ?lang=, only the default page (index.html, what a bare address opens) follows the remembered
  // choice or the browser's languages: a page in another language was asked for by its name.
  const choice = LANGUAGES.includes(stored()) ? stored() : fromBrowser();
  wanted = asked === null && page === DEFAULT ? choice : page;
}
if (wanted && wanted !== page) {
  const file = wanted === DEFAULT ? 'index.html' : `index.${wanted}.html`;
  window.location.replace(`${file}${window.location.search}${window.location.hash}`);
}
