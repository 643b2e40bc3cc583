// The header's language links (written by scripts/build.mjs): a click opens the page in that
// language with what is on screen kept — the exercises' state (in the address), the place (the
// hash) — and ?lang= so that web/lang-redirect.js remembers the choice. Solved tasks are kept in
// localStorage under a key that does not depend on the language (web/nav/progress.js).
import { pageFile } from '../i18n.js';

export function startLanguageSwitch(root = document) {
  for (const link of root.querySelectorAll('.language-switch a[data-language]')) {
    link.addEventListener('click', () => {
      const code = link.dataset.language;
      const params = new URLSearchParams(window.location.search);
      params.set('lang', code);
      // The href is read when the browser follows the link, after this listener: set it now.
      link.href = `${pageFile(code)}?${params}${window.location.hash}`;
    });
  }
}
