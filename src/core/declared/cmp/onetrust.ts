import { all, byClass, byId, first, lineOf, rowsOf, textOf, type Element } from './dom';
import type { Collector } from './entries';
import type { CmpRule } from './rule';

// OneTrust's cookie list, as its SDK renders it into div#ot-sdk-cookie-policy in every language
// (the v2 renderer, https://my.onetrust.com/s/article/UUID-0dd3b2f6-d4bb-2ae4-1e66-c6fd4c6bc6c2,
// "Cookie List"): one section per group, its name in h4.ot-sdk-cookie-policy-group, then a table
// whose rows hold the host (td.ot-host-td), the names (span.ot-cookies-td-content, comma separated,
// often links to cookiepedia), first or third party (td.ot-cookies-type) and, when the site shows
// them, the lifespans of those names in the same order (span.ot-life-span-td-content).

/** Splits a comma-separated cell into its items: "364 Days, 364 Days". */
const items = (s: string): string[] => s.split(/\s*,\s*/).map((x) => x.trim()).filter((x) => x !== '');

export const onetrust: CmpRule = {
  id: 'onetrust',
  name: 'OneTrust',
  source: 'https://my.onetrust.com/s/article/UUID-0dd3b2f6-d4bb-2ae4-1e66-c6fd4c6bc6c2 (#ot-sdk-cookie-policy: ot-sdk-cookie-policy-group, ot-cookies-td-content, ot-life-span-td-content)',
  find: (doc) => all(doc, byId('ot-sdk-cookie-policy')).filter((e) => first(e, byClass('ot-cookies-td-content')) !== undefined),
  read(roots: Element[], c: Collector) {
    for (const root of roots) {
      const groups = all(root, byClass('ot-sdk-cookie-policy-group'));
      for (const table of all(root, (e) => e.tagName === 'table')) {
        // The group is the table's caption, else the nearest group heading before it.
        const caption = lineOf(first(table, byClass('ot-scrn-rdr')));
        const group = caption || lineOf(groups.filter((g) => precedes(g, table, root)).pop());
        let row = 0;
        for (const cells of rowsOf(table)) {
          const namesCell = cells.map((td) => first(td, byClass('ot-cookies-td-content'))).find((x) => x !== undefined);
          if (!namesCell) continue;
          row++;
          const host = lineOf(cells.find((td) => (td.attrs.find((a) => a.name === 'class')?.value ?? '').includes('ot-host-td')));
          const names = items(textOf(namesCell).replace(/\n/g, ','));
          const spans = items(lineOf(cells.map((td) => first(td, byClass('ot-life-span-td-content'))).find((x) => x !== undefined)));
          names.forEach((name, k) => {
            // One lifespan per name, in order; a single one stands for them all.
            const duration = spans.length === names.length ? spans[k] : spans.length === 1 ? spans[0] : '';
            c.add({ name, provider: host, duration: duration ?? '', category: group, where: `"${group}", row ${row}` });
          });
        }
      }
    }
  },
};

/** Whether `a` comes before `b` in the document under `root`. */
function precedes(a: Element, b: Element, root: Element): boolean {
  for (const e of all(root, () => true)) {
    if (e === a) return true;
    if (e === b) return false;
  }
  return false;
}
