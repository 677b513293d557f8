import { all, attr, byTag, children, lineOf, rowsOf, type Element } from './dom';
import type { Collector } from './entries';
import { splitNames } from './entries';
import { fieldOf } from './kv';
import type { CmpRule } from './rule';

// Borlabs Cookie 2.x's cookie list, the output of its shortcode [borlabs-cookie type="cookie-list"]
// (https://borlabs.io/kb/shortcodes/): div.BorlabsCookie, one h3._brlbs-cg-<group> per group, one
// h4 and table._brlbs-c-<cookie> per service whose rows are th label / td value: Name (the
// service), Provider, Purpose, Privacy Policy, Host(s), Cookie Name (comma separated), Cookie
// Expiry, labels in the site's language.

const GROUPS: Record<string, string> = { essential: 'necessary', statistics: 'analytics', marketing: 'advertising', 'external-media': '', communication: '' };

/** The row that names the cookies: a "name" label that says "cookie", else the second "name" row. */
function cookieNameRow(rows: Array<{ label: string; value: Element }>): Element | undefined {
  const names = rows.filter((r) => fieldOf(r.label) === 'name');
  return (names.find((r) => /cookie/i.test(r.label)) ?? names[1])?.value;
}

export const borlabs: CmpRule = {
  id: 'borlabs',
  name: 'Borlabs Cookie',
  source: 'https://borlabs.io/kb/shortcodes/ (div.BorlabsCookie: h3._brlbs-cg-*, table._brlbs-c-* of th label / td value)',
  find: (doc) => all(doc, (e) => (attr(e, 'class') ?? '').split(/\s+/).includes('BorlabsCookie')).filter((e) => all(e, byTag('table')).length > 0),
  read(roots: Element[], c: Collector) {
    for (const root of roots) {
      let group = '';
      let category = '';
      const walk = (e: Element): void => {
        for (const ch of children(e)) {
          if (ch.tagName === 'h3') {
            group = lineOf(ch);
            const slug = (attr(ch, 'class') ?? '').split(/\s+/).find((k) => k.startsWith('_brlbs-cg-'))?.slice('_brlbs-cg-'.length) ?? '';
            category = GROUPS[slug] ?? group;
            if (category === '') category = group;
          } else if (ch.tagName === 'table') readService(ch, c, group, category);
          else walk(ch);
        }
      };
      walk(root);
    }
  },
};

function readService(table: Element, c: Collector, group: string, category: string): void {
  const rows = rowsOf(table)
    .filter((r) => r.length >= 2)
    .map((r) => ({ label: lineOf(r[0]), value: r[1] as Element }));
  const service = lineOf(rows.find((r) => fieldOf(r.label) === 'name')?.value);
  const get = (f: string): string => lineOf(rows.find((r) => fieldOf(r.label) === f)?.value);
  const namesCell = cookieNameRow(rows);
  const where = `"${group}", ${service || 'service'}`;
  if (!namesCell) {
    c.problem(c.t('cmp_service_no_cookie', where));
    return;
  }
  for (const name of splitNames(lineOf(namesCell))) {
    c.add({ name, provider: get('provider') || service, purpose: get('purpose'), duration: get('duration'), category, where });
  }
}

