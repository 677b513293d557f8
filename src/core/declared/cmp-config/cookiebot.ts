import { ConfigCollector, type ConfigParse } from './config';

// Cookiebot's machine-readable declaration: the arrays its scripts (consent.cookiebot.com/<cbid>/cc.js,
// and the declaration script cd.js) assign per category, `CookieConsentDialog.cookieTableNecessary =
// [[name, provider, purpose, expiry, type name, type id, pattern, url], …]` (the field order
// CookieBlock's cc.js reader uses: https://github.com/dibollinger/CookieBlock-Consent-Crawler).
// Type id 1 is an HTTP cookie, 2 HTML storage, 5 a pixel.

const TABLE = /\.cookieTable(\w+)\s*=\s*(\[[\s\S]*?\]\s*\]|\[\s*\])\s*;/g;
const CATEGORY: Record<string, string> = { Necessary: 'necessary', Preference: 'functional', Statistics: 'analytics', Advertising: 'advertising', Marketing: 'advertising' };
const TYPES: Record<number, string> = { 1: 'HTTP', 2: 'HTML Local Storage', 5: 'Pixel' };

export function readCookiebotConfig(text: string): ConfigParse | null {
  const c = new ConfigCollector('cookiebot', 'Cookiebot');
  let tables = 0;
  for (const m of text.matchAll(TABLE)) {
    const cat = m[1] as string;
    let rows: unknown;
    try {
      rows = JSON.parse(m[2] as string);
    } catch {
      c.out.problems.push(`cookieTable${cat}: not readable`);
      continue;
    }
    if (!Array.isArray(rows)) continue;
    tables++;
    rows.forEach((row: unknown, i) => {
      if (!Array.isArray(row) || typeof row[0] !== 'string') return;
      const [name, provider, purpose, expiry, typeName, typeId] = row as [string, unknown, unknown, unknown, unknown, unknown];
      c.add({
        name,
        path: `cookieTable${cat}[${i}]`,
        provider: String(provider ?? ''),
        purpose: String(purpose ?? ''),
        duration: String(expiry ?? ''),
        type: TYPES[Number(typeId)] ?? String(typeName ?? ''),
        category: CATEGORY[cat] ?? cat,
      });
    });
  }
  return tables > 0 ? c.out : null;
}
