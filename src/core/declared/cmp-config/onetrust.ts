import { arr, ConfigCollector, isObject, str, type ConfigParse, type Json } from './config';

// OneTrust's language JSON (https://cdn.cookielaw.org/consent/<domain id>/<ruleset id>/<lang>.json,
// the file its SDK loads for the banner and the cookie list): DomainData.Groups[], each with its
// GroupName, OptanonGroupId (C0001 strictly necessary, C0002 performance, C0003 functional, C0004
// targeting), FirstPartyCookies[] and Hosts[].Cookies[], each cookie with Name, Host, IsSession and
// Length in days (DurationType 1). Source: the JSON itself, as the SDK (otBannerSdk.js) reads it.

const GROUP_IDS: Record<string, string> = { C0001: 'necessary', C0002: 'analytics', C0003: 'functional', C0004: 'advertising' };
const DAY = 86_400;

export function readOneTrustConfig(j: Json): ConfigParse | null {
  if (!isObject(j) || !isObject(j.DomainData)) return null;
  const c = new ConfigCollector('onetrust', 'OneTrust');
  arr(j.DomainData.Groups).forEach((g, gi) => {
    if (!isObject(g)) return;
    const category = GROUP_IDS[str(g.OptanonGroupId)] ?? str(g.GroupName);
    const read = (cookie: Json, path: string, host: string): void => {
      if (!isObject(cookie)) return;
      const days = str(cookie.Length) === '' ? NaN : Number(str(cookie.Length));
      const session = cookie.IsSession === true;
      // A length of 0 days on a persistent cookie is what the cookie list shows as "A few seconds".
      const lifetime = session ? ({ kind: 'session' } as const) : days > 0 ? ({ kind: 'fixed', seconds: days * DAY, upTo: false } as const) : days === 0 ? ({ kind: 'stated' } as const) : undefined;
      c.add({
        name: str(cookie.Name),
        path,
        provider: str(cookie.Host) || host,
        purpose: str(cookie.description),
        duration: session ? 'Session' : days > 0 ? `${days} days` : days === 0 ? '0 days' : '',
        ...(lifetime ? { lifetime } : {}),
        category,
      });
    };
    arr(g.FirstPartyCookies).forEach((x, i) => read(x, `DomainData.Groups[${gi}].FirstPartyCookies[${i}]`, ''));
    arr(g.Hosts).forEach((h, hi) => {
      if (!isObject(h)) return;
      arr(h.Cookies).forEach((x, i) => read(x, `DomainData.Groups[${gi}].Hosts[${hi}].Cookies[${i}]`, str(h.DisplayName) || str(h.HostName)));
    });
  });
  return c.out;
}
