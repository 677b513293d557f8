import { all, byClass, closest, first, lineOf, type Element } from './dom';
import type { Collector } from './entries';
import { labelledEntries } from './kv';
import type { CmpRule } from './rule';

// Didomi's preferences view (https://developers.didomi.io/cmp/web-sdk, notice "preferences"):
// div.didomi-consent-popup-body, one div.didomi-popup-body-section per category (its title in
// div.didomi-consent-popup-body__title), one div.didomi-consent-popup-data-processing per purpose
// (data-purpose-id, its name in span.didomi-consent-popup-data-processing__purpose) whose
// description (div.didomi-content) sites write their cookies into: each name in bold, then lines
// "Set by: …", "Description: …", "Duration: …" in the notice's language.

export const didomi: CmpRule = {
  id: 'didomi',
  name: 'Didomi',
  source: 'https://developers.didomi.io/cmp/web-sdk (div.didomi-consent-popup-data-processing > div.didomi-content)',
  find: (doc) => all(doc, byClass('didomi-consent-popup-data-processing')),
  read(roots: Element[], c: Collector) {
    for (const purpose of roots) {
      const name = lineOf(first(purpose, byClass('didomi-consent-popup-data-processing__purpose')));
      const section = closest(purpose, byClass('didomi-popup-body-section'));
      const category = lineOf(section && first(section, byClass('didomi-consent-popup-body__title'))) || name;
      const content = first(purpose, byClass('didomi-content'));
      if (!content) continue;
      labelledEntries(content).forEach((e, i) => {
        c.add({ name: e.name, provider: e.fields.get('provider') ?? e.fields.get('host') ?? '', purpose: e.fields.get('function') ?? e.fields.get('purpose') ?? '', duration: e.fields.get('duration') ?? '', type: e.fields.get('type') ?? '', category, where: `"${name}", entry ${i + 1}` });
      });
    }
  },
};
