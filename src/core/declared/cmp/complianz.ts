import { all, byClass, children, first, hasClass, lineOf, type Element } from './dom';
import type { Collector } from './entries';
import type { CmpRule } from './rule';

// Complianz's cookie policy (WordPress plugin, https://complianz.io/; templates
// cookiepolicy/services.php, purpose_row.php and cookies_row.php, wrapped in
// div#cmplz-cookies-overview): one details.cmplz-service-desc per service (its name the summary's h3,
// its categories the summary's p), then div.cookies-per-purpose per category: div.purpose h4, and
// for each cookie div.name, div.retention, div.function in that order.

export const complianz: CmpRule = {
  id: 'complianz',
  name: 'Complianz',
  source: 'https://complianz.io/ (details.cmplz-service-desc > div.cookies-per-purpose: div.name, div.retention, div.function)',
  find: (doc) => all(doc, byClass('cmplz-service-desc')).filter((e) => first(e, byClass('cookies-per-purpose')) !== undefined),
  read(roots: Element[], c: Collector) {
    for (const service of roots) {
      const name = lineOf(first(service, (e) => e.tagName === 'h3'));
      for (const block of all(service, byClass('cookies-per-purpose'))) {
        const purpose = lineOf(first(block, byClass('purpose')));
        let entry: { name: string; duration: string; fn: string } | undefined;
        let n = 0;
        const flush = (): void => {
          if (entry) c.add({ name: entry.name, provider: name, purpose: entry.fn, duration: entry.duration, category: purpose, where: `${name}, "${purpose}", cookie ${n}` });
          entry = undefined;
        };
        for (const ch of children(block)) {
          if (hasClass(ch, 'name')) {
            flush();
            n++;
            entry = { name: lineOf(ch), duration: '', fn: '' };
          } else if (hasClass(ch, 'retention') && entry) entry.duration = lineOf(ch);
          else if (hasClass(ch, 'function') && entry) entry.fn = lineOf(ch);
        }
        flush();
      }
    }
  },
};
