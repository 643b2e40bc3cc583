// The comments of generated Python ("Show the code"), to check that they are in the page's
// language (issue #15) while the code itself is not translated.

/** The text of every comment in `code`: after a '#' that is outside a string literal. */
export function comments(code) {
  const out = [];
  for (const line of code.split('\n')) {
    let quote = null;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quote) {
        if (c === '\\') i++;
        else if (c === quote) quote = null;
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '#') {
        out.push(line.slice(i + 1).trim());
        break;
      }
    }
  }
  return out;
}

/** Comments with no Chinese character in them (numbers-only comments excepted). */
export const notChinese = (code) => comments(code).filter((c) => /[A-Za-z]{2}/.test(c) && !/\p{Script=Han}/u.test(c));
