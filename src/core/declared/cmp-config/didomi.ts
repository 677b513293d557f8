import { parseHtml } from '../cmp/dom';
import { labelledEntries } from '../cmp/kv';
import { arr, ConfigCollector, isObject, str, type ConfigParse, type Json } from './config';

// Didomi's remote notice configuration (the JSON its Web SDK loads for a notice,
// https://developers.didomi.io/cmp/web-sdk/reference/configuration): notices[].config.app with
// vendors.custom[] (each with its purposeIds) and customPurposes[] whose description, per language,
// is where sites write their cookies (bold name, then "Set by: …", "Duration: …" lines, the same
// text the preferences view shows); preferences.categories[] files purposes under categories.

export function readDidomiConfig(j: Json): ConfigParse | null {
  if (!isObject(j) || !Array.isArray(j.notices)) return null;
  const c = new ConfigCollector('didomi', 'Didomi');
  arr(j.notices).forEach((n, ni) => {
    if (!isObject(n) || !isObject(n.config)) return;
    const app = n.config.app;
    if (!isObject(app)) return;
    const categoryOfPurpose = new Map<string, string>();
    const prefs = n.config.preferences;
    for (const cat of arr(isObject(prefs) ? prefs.categories : undefined)) {
      if (!isObject(cat)) continue;
      const name = isObject(cat.name) ? str(cat.name.en) || str(Object.values(cat.name)[0]) : str(cat.name);
      for (const ch of arr(cat.children)) if (isObject(ch)) categoryOfPurpose.set(str(ch.purposeId), name);
    }
    arr(app.customPurposes).forEach((p, pi) => {
      if (!isObject(p) || !isObject(p.description)) return;
      for (const [lang, html] of Object.entries(p.description)) {
        const doc = parseHtml(`<div>${str(html)}</div>`);
        labelledEntries(doc).forEach((e, ei) => {
          c.add({
            name: e.name,
            path: `notices[${ni}].config.app.customPurposes[${pi}].description.${lang} (entry ${ei + 1})`,
            provider: e.fields.get('provider') ?? '',
            purpose: e.fields.get('function') ?? e.fields.get('purpose') ?? '',
            duration: e.fields.get('duration') ?? '',
            category: categoryOfPurpose.get(str(p.id)) ?? '',
          });
        });
      }
    });
  });
  return c.out;
}
