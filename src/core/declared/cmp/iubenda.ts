import { all, byClass, first, hasClass, lineOf, type Element } from './dom';
import type { Collector } from './entries';
import { headingsBefore } from './kv';
import type { CmpRule } from './rule';

// iubenda's generated Cookie Policy (https://www.iubenda.com/en/help/posts/1177, embedded or exported
// as div.iub_content.legal_pp): under each purpose heading (h3 "Necessary", "Measurement"…), a
// ul.for_boxes of services, each a div.box_primary whose h3.expand-click names the service and, in
// parentheses, its provider; its div.expand-content ends with "Storage duration:" and a ul.unstyled
// of "name: duration" items, in the policy's language.

const isBox = (e: Element): boolean => hasClass(e, 'box_primary');
const ITEM = /^([^\s:]+)\s*[:：]\s*(.+)$/;

export const iubenda: CmpRule = {
  id: 'iubenda',
  name: 'iubenda',
  source: 'https://www.iubenda.com/en/help/posts/1177 (div.iub_content: ul.for_boxes > div.box_primary > h3.expand-click, div.expand-content ul.unstyled "name: duration")',
  find: (doc) => all(doc, byClass('iub_content')).filter((e) => first(e, isBox) !== undefined),
  read(roots: Element[], c: Collector, doc) {
    const purposes = headingsBefore(doc, isBox);
    for (const root of roots) {
      for (const box of all(root, isBox)) {
        const title = lineOf(first(box, byClass('expand-click')) ?? first(box, (e) => e.tagName === 'h3'));
        const provider = /\(([^()]+)\)\s*$/.exec(title)?.[1] ?? '';
        const service = title.replace(/\s*\([^()]+\)\s*$/, '');
        const category = purposes.get(box) ?? '';
        const content = first(box, byClass('expand-content')) ?? box;
        let n = 0;
        for (const list of all(content, (e) => e.tagName === 'ul')) {
          for (const li of all(list, (e) => e.tagName === 'li')) {
            const m = ITEM.exec(lineOf(li));
            if (!m) continue;
            n++;
            c.add({ name: m[1] as string, provider: provider || service, purpose: service, duration: m[2] as string, category, where: `"${category}", ${service}, item ${n}` });
          }
        }
      }
    }
  },
};
