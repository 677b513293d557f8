import { attr, parseHtml, type Document } from '../cmp/dom';

// Where a page's consent manager publishes its machine-readable declaration, found from the
// scripts the page loads, the way each consent manager's own script finds it:
// - Cookiebot: the declaration script (script#CookieDeclaration, consent.cookiebot.com/<cbid>/cd.js)
//   and the banner's uc.js with data-cbid, whose declaration arrays are in
//   consent.cookiebot.com/<cbid>/cc.js (the URL CookieBlock's crawler reads,
//   https://github.com/dibollinger/CookieBlock-Consent-Crawler);
// - OneTrust: otSDKStub.js with data-domain-script="<id>", whose domain JSON is
//   <cdn>/consent/<id>/<id>.json and each ruleset's language JSON <cdn>/consent/<id>/<ruleset>/<lang>.json.

export interface ConfigLocation {
  cmp: 'cookiebot' | 'onetrust';
  /** The URL to read. */
  url: string;
  /** OneTrust: the domain JSON names the language file to read next. */
  step?: 'onetrust-domain';
}

function absolute(src: string, base: string): string | null {
  try {
    const u = new URL(src, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

export function locateConfigs(page: string | Document, pageUrl: string): ConfigLocation[] {
  const doc = typeof page === 'string' ? parseHtml(page) : page;
  const out: ConfigLocation[] = [];
  const host = (() => {
    try {
      return new URL(pageUrl).hostname;
    } catch {
      return '';
    }
  })();
  // Scripts are not walked by the rules' helpers (they are never declarations): look at them here.
  const scripts: Array<{ src: string; attrs: (n: string) => string | undefined }> = [];
  const walk = (n: Document | Document['childNodes'][number]): void => {
    if (!('childNodes' in n)) return;
    for (const c of n.childNodes) {
      if ('tagName' in c && c.tagName === 'script') {
        const src = attr(c, 'src');
        if (src) scripts.push({ src, attrs: (name) => attr(c, name) });
      }
      walk(c);
    }
  };
  walk(doc);
  for (const s of scripts) {
    const url = absolute(s.src, pageUrl);
    if (!url) continue;
    const path = new URL(url).pathname;
    if (s.attrs('id') === 'CookieDeclaration' || /\/[0-9a-f-]{36}\/c[cd]\.js$/i.test(path)) out.push({ cmp: 'cookiebot', url });
    else if (/consent\.cookiebot\.(?:com|eu)$/.test(new URL(url).hostname) && /\/uc\.js$/.test(path) && s.attrs('data-cbid')) {
      const cc = new URL(`/${s.attrs('data-cbid')}/cc.js`, url);
      cc.search = `renew=false&referer=${encodeURIComponent(host)}&dnt=false&init=false`;
      out.push({ cmp: 'cookiebot', url: cc.href });
    } else if (/otSDKStub\.js$|otBannerSdk\.js$/.test(path) && s.attrs('data-domain-script')) {
      const id = (s.attrs('data-domain-script') as string).replace(/[^\w-]/g, '');
      const base = url.slice(0, url.indexOf('/scripttemplates/') >= 0 ? url.indexOf('/scripttemplates/') : url.lastIndexOf('/'));
      out.push({ cmp: 'onetrust', url: `${base}/consent/${id}/${id}.json`, step: 'onetrust-domain' });
    }
  }
  return out.filter((l, i) => out.findIndex((m) => m.url === l.url) === i);
}

/** OneTrust's domain JSON: the language file of its first ruleset, in the page's language when it has it. */
export function oneTrustLanguageUrl(domainJson: string, domainUrl: string, lang: string): string | null {
  let j: unknown;
  try {
    j = JSON.parse(domainJson);
  } catch {
    return null;
  }
  const rules = (j as { RuleSet?: Array<{ Id?: string; Languages?: unknown }> }).RuleSet;
  const rule = Array.isArray(rules) ? rules.find((r) => typeof r.Id === 'string') : undefined;
  if (!rule?.Id) return null;
  const langs = Array.isArray(rule.Languages)
    ? rule.Languages.map((l: unknown) => (typeof l === 'string' ? l : ((l as { Culture?: string }).Culture ?? ''))).filter((l) => l !== '')
    : rule.Languages && typeof rule.Languages === 'object'
      ? Object.keys(rule.Languages)
      : [];
  const pick = langs.find((l) => l.toLowerCase() === lang.toLowerCase()) ?? langs.find((l) => l.toLowerCase() === 'en') ?? langs[0] ?? 'en';
  return new URL(`${rule.Id.replace(/[^\w-]/g, '')}/${encodeURIComponent(pick.toLowerCase())}.json`, domainUrl).href;
}
