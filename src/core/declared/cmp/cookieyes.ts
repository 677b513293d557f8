import { all, attr, byClass, children, closest, first, lineOf, rowsOf, type Element } from './dom';
import type { Collector } from './entries';
import { fieldOf } from './kv';
import type { CmpRule } from './rule';

// CookieYes and its WordPress plugin's earlier form, Cookie Law Info (GDPR Cookie Consent), both by
// WebToffee (https://www.cookieyes.com/documentation/, https://wordpress.org/plugins/cookie-law-info/).
// CookieYes v3: each category a div.cky-accordion#ckyDetailCategory<slug>, its cookies one
// ul.cky-cookie-des-table each, whose li hold a label div and a value div: Cookie, Duration,
// Description (in the banner's language, always in that order); the [cookie_audit] shortcode
// renders the same lists. Cookie Law Info: table.cookielawinfo-row-cat-table (or
// cookielawinfo-table) with cells classed by what they hold: cookielawinfo-column-1 the cookie,
// -2 its type, -3 its duration, -4 its description, inside div.cli-tab-pane[data-id=<category>].

const CKY_ORDER = ['name', 'duration', 'function'] as const;

function readCookieYes(acc: Element, c: Collector): void {
  {
    const slug = (attr(acc, 'id') ?? '').replace('ckyDetailCategory', '');
    const title = lineOf(first(acc, byClass('cky-accordion-btn'))) || slug;
    const category = /^(?:necessary|functional|analytics|performance|advertisement)$/.test(slug) ? slug.replace('advertisement', 'advertising').replace('performance', 'analytics') : title;
    all(acc, byClass('cky-cookie-des-table')).forEach((ul, i) => {
      const f = new Map<string, string>();
      children(ul, (e) => e.tagName === 'li').forEach((li, k) => {
        const [label, value] = children(li, (e) => e.tagName === 'div');
        const field = fieldOf(lineOf(label)) ?? CKY_ORDER[k];
        if (field && !f.has(field)) f.set(field, lineOf(value));
      });
      c.add({ name: f.get('name') ?? '', duration: f.get('duration') ?? '', purpose: f.get('function') ?? f.get('purpose') ?? '', category, where: `"${title}", cookie ${i + 1}` });
    });
  }
}

const CLI_COLUMNS: Record<string, 'name' | 'type' | 'duration' | 'purpose'> = {
  'cookielawinfo-column-1': 'name',
  'cookielawinfo-column-2': 'type',
  'cookielawinfo-column-3': 'duration',
  'cookielawinfo-column-4': 'purpose',
};

function readCookieLawInfo(table: Element, c: Collector, n: number): void {
  const pane = closest(table, (e) => attr(e, 'data-id') !== undefined);
  const category = pane ? (attr(pane, 'data-id') ?? '') : '';
  let row = 0;
  for (const cells of rowsOf(table)) {
    if (cells.every((x) => x.tagName === 'th')) continue;
    const f: Record<string, string> = {};
    for (const cell of cells) {
      const col = (attr(cell, 'class') ?? '').split(/\s+/).map((k) => CLI_COLUMNS[k]).find((x) => x !== undefined);
      if (col) f[col] = lineOf(cell);
    }
    if (f.name === undefined) continue;
    row++;
    // "Non-necessary" files nothing under the category reader's words but its own.
    c.add({ name: f.name, duration: f.duration ?? '', purpose: f.purpose ?? '', type: f.type ?? '', category: category.replace(/^non-necessary$/, ''), where: `table ${n}${category ? ` ("${category}")` : ''}, row ${row}` });
  }
}

export const cookieyes: CmpRule = {
  id: 'cookieyes',
  name: 'CookieYes',
  source: 'https://www.cookieyes.com/documentation/ (ul.cky-cookie-des-table in div#ckyDetailCategory*) and https://wordpress.org/plugins/cookie-law-info/ (table.cookielawinfo-row-cat-table, cookielawinfo-column-1…4)',
  find(doc) {
    const cky = all(doc, (e) => (attr(e, 'id') ?? '').startsWith('ckyDetailCategory') && first(e, byClass('cky-cookie-des-table')) !== undefined);
    const cli = all(doc, (e) => e.tagName === 'table' && (attr(e, 'class') ?? '').split(/\s+/).some((k) => k === 'cookielawinfo-row-cat-table' || k === 'cookielawinfo-table'));
    return [...cky, ...cli];
  },
  read(roots, c) {
    let tables = 0;
    for (const root of roots) {
      if (root.tagName === 'table') readCookieLawInfo(root, c, ++tables);
      else readCookieYes(root, c);
    }
  },
};
