import { all, byClass, first, lineOf, rowsOf, textOf, type Element } from './dom';
import { categoryOf } from '../policy-columns';
import type { Collector } from './entries';
import type { CmpRule } from './rule';

// Cookiebot's cookie declaration, as its script consent.cookiebot.com/<cbid>/cd.js injects it in every
// language: div.CookieDeclaration > div.CookieDeclarationType (one per category, its header
// p.CookieDeclarationTypeHeader "Necessary (5)") > table.CookieDeclarationTable whose rows hold five
// td.CookieDeclarationTableCell in a fixed order: name, provider, purpose, maximum storage duration,
// type (HTTP, HTML Local Storage, Pixel…). Source: https://www.cookiebot.com/en/cookie-declaration/
// and the declarations it renders (e.g. https://www.cookiebot.com/en/cookie-declaration/ on cookiebot.com).

// The categories in the order Cookiebot always renders them, for languages whose words the
// category reader does not know.
const ORDER = ['necessary', 'functional', 'analytics', 'advertising', undefined] as const;

export const cookiebot: CmpRule = {
  id: 'cookiebot',
  name: 'Cookiebot',
  source: 'https://www.cookiebot.com/en/cookie-declaration/ (cd.js markup: CookieDeclarationType, CookieDeclarationTable)',
  find: (doc) => all(doc, byClass('CookieDeclaration')).filter((e) => first(e, byClass('CookieDeclarationType')) !== undefined),
  read(roots: Element[], c: Collector): void {
    roots.forEach((root, r) => {
      const types = all(root, byClass('CookieDeclarationType'));
      types.forEach((type, k) => {
        const header = lineOf(first(type, byClass('CookieDeclarationTypeHeader'))).replace(/\s*\(\d+\)\s*$/, '');
        const category = categoryOf(header) ?? (types.length >= 4 && types.length <= 5 ? ORDER[k] : undefined);
        for (const table of all(type, byClass('CookieDeclarationTable'))) {
          let row = 0;
          rowsOf(table).forEach((cells) => {
            const tds = cells.filter((td) => td.tagName === 'td');
            if (tds.length < 5) return;
            row++;
            const [name, provider, purpose, expiry, kind] = tds.map((td) => td) as [Element, Element, Element, Element, Element];
            c.add({
              name: lineOf(name),
              // The provider cell holds the provider's name, then sometimes a "learn more" link.
              provider: textOf(provider).split('\n')[0] ?? '',
              purpose: lineOf(purpose),
              duration: lineOf(expiry),
              type: lineOf(kind),
              ...(category ? { category } : {}),
              where: `${roots.length > 1 ? `declaration ${r + 1}, ` : ''}"${header}", row ${row}`,
            });
          });
        }
      });
    });
  },
};
