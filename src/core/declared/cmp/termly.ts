import { all, attr, byTag, lineOf, rowsOf, type Element } from './dom';
import type { Collector } from './entries';
import { headingsBefore, pairsOfTable } from './kv';
import type { CmpRule } from './rule';

// Termly's generated cookie policy (https://termly.io/products/cookie-policy-generator/): one
// section[data-custom-class="body_text"] per cookie, holding a table of "Name:", "Purpose:",
// "Provider:", "Service:", "Country:", "Type:", "Expires in:" rows (th label, td value); the type is
// Termly's code (http_cookie, server_cookie, html_local_storage, html_session_storage,
// pixel_tracker); the category is the heading above ("Essential website cookies:").

const isEntry = (e: Element): boolean => e.tagName === 'section' && attr(e, 'data-custom-class') === 'body_text' && all(e, byTag('table')).length > 0;

export const termly: CmpRule = {
  id: 'termly',
  name: 'Termly',
  source: 'https://termly.io/products/cookie-policy-generator/ (section[data-custom-class=body_text] > table of th label / td value)',
  find: (doc) => all(doc, isEntry),
  read(roots, c: Collector, doc) {
    const headings = headingsBefore(doc, isEntry);
    roots.forEach((section, i) => {
      for (const table of all(section, byTag('table'))) {
        const f = pairsOfTable(table, rowsOf(table));
        const name = f.get('name');
        if (!name) continue;
        const category = headings.get(section) ?? '';
        c.add({
          name: lineOf(name),
          provider: lineOf(f.get('provider')),
          purpose: lineOf(f.get('purpose')),
          duration: lineOf(f.get('duration')),
          type: lineOf(f.get('type')),
          category,
          where: `${category ? `"${category}", ` : ''}entry ${i + 1}`,
        });
      }
    });
  },
};
