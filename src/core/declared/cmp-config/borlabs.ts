import { splitNames } from '../cmp/entries';
import { arr, ConfigCollector, isObject, str, type ConfigParse, type Json } from './config';

// Borlabs Cookie 2.x's configuration export (its Import & Export screen, https://borlabs.io/kb/import-export/):
// cookieGroups[] (id, group_id: essential, statistics, marketing, external-media…, name) and
// cookies[] (cookie_group_id, name of the service, provider, purpose, cookie_name comma separated,
// cookie_expiry as the site words it).

const GROUPS: Record<string, string> = { essential: 'necessary', statistics: 'analytics', marketing: 'advertising' };

export function readBorlabsConfig(j: Json): ConfigParse | null {
  if (!isObject(j) || !Array.isArray(j.cookieGroups) || !Array.isArray(j.cookies)) return null;
  const c = new ConfigCollector('borlabs', 'Borlabs Cookie');
  const groups = new Map(arr(j.cookieGroups).filter(isObject).map((g) => [str(g.id), GROUPS[str(g.group_id)] ?? str(g.name)]));
  arr(j.cookies).forEach((s, i) => {
    if (!isObject(s)) return;
    splitNames(str(s.cookie_name)).forEach((name) => {
      c.add({ name, path: `cookies[${i}].cookie_name`, provider: str(s.provider) || str(s.name), purpose: str(s.purpose), duration: str(s.cookie_expiry), category: groups.get(str(s.cookie_group_id)) ?? '' });
    });
  });
  return c.out;
}
