import { reportCore } from './core-loader';
import { t } from '../shared/i18n';
import type { PolicyPreview } from '../shared/protocol';
import type { DeclaredList } from '../core/declared/declared';

// Loads a cookie-policy page when the user asks for it: the extension's own network requests, made
// only then. Without credentials, so they neither send the user's cookies nor set any (which would
// pollute the audit they are meant to check). With no URL ("auto"), it finds the best declaration
// from the page itself: a consent manager's declaration on the page, the machine-readable
// declaration its consent manager loads, the policy page it links to; and says which it used.

const TIMEOUT_MS = 15_000;
const MAX_BYTES = 10 * 1024 * 1024;

async function load(url: string): Promise<{ body: string; type: string; finalUrl: string }> {
  const u = new URL(url);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new (reportCore().PolicyError)('pol_only_http', u.protocol);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    const res = await fetch(url, { credentials: 'omit', redirect: 'follow', signal: controller.signal, cache: 'no-store' });
    if (!res.ok) throw new (reportCore().PolicyError)('pol_http_status', url, res.status);
    const length = Number(res.headers.get('content-length') ?? 0);
    if (length > MAX_BYTES) throw new (reportCore().PolicyError)('pol_too_big', Math.round(length / 1048576));
    const body = await res.text();
    return { body, type: res.headers.get('content-type') ?? '', finalUrl: res.url || url };
  } catch (e) {
    if (e instanceof reportCore().PolicyError) throw e;
    const reason = (e as Error).name === 'AbortError' ? `no answer within ${TIMEOUT_MS / 1000} s` : (e as Error).message;
    throw new (reportCore().PolicyError)('pol_load_failed', url, reason);
  } finally {
    clearTimeout(timer);
  }
}

// A name the known-cookie tables hold is a name even in a sentence ("Django sets csrftoken").
const isKnownName = (name: string): boolean => reportCore().isKnownCookieName(name);

function parse(policy: { body: string; type: string }): ReturnType<ReturnType<typeof reportCore>['parsePolicyHtml']> {
  return /text\/plain/.test(policy.type) ? reportCore().parsePolicyText(policy.body, t) : reportCore().parsePolicyHtml(policy.body, t, { isKnownName });
}

/** The first machine-readable declaration the page's consent manager loads that reads, with where it was. */
async function consentManagerConfig(html: string, pageUrl: string, problems: string[]): Promise<{ list: DeclaredList; url: string; name: string } | null> {
  const core = reportCore();
  const lang = /<html[^>]*\blang="([a-z]{2})/i.exec(html)?.[1] ?? 'en';
  for (const at of core.locateConfigs(html, pageUrl)) {
    try {
      let url = at.url;
      let res = await load(url);
      if (at.step === 'onetrust-domain') {
        const next = core.oneTrustLanguageUrl(res.body, res.finalUrl, lang);
        if (!next) continue;
        url = next;
        res = await load(url);
      }
      const parsed = core.readCmpConfig(res.body);
      if (!parsed || parsed.cookies.length === 0) continue;
      problems.push(...parsed.problems);
      return { list: core.listFromConfig(parsed, res.finalUrl, new Date().toISOString()), url: res.finalUrl, name: parsed.name };
    } catch (e) {
      problems.push(t('pol_cmp_config_failed', at.url, e instanceof Error ? e.message : String(e)));
    }
  }
  return null;
}

/** "auto": the consent manager's declaration on the page, else the policy page it links to; the consent manager's configuration alongside. */
async function readAuto(pageUrl: string, renderedHtml?: string): Promise<PolicyPreview> {
  const core = reportCore();
  const page = renderedHtml !== undefined && renderedHtml.length <= MAX_BYTES ? { body: renderedHtml, type: 'text/html', finalUrl: pageUrl } : await load(pageUrl);
  const readAt = new Date().toISOString();
  const problems: string[] = [];
  const config = await consentManagerConfig(page.body, page.finalUrl, problems);
  const alongside = config ? { consentManager: config.list } : {};
  const onPage = core.readCmpDeclaration(page.body, t);
  if (onPage) {
    return { url: page.finalUrl, readAt, cookies: onPage.cookies, providers: onPage.providers, storage: onPage.storage, problems: [...onPage.problems, ...problems], foundBy: t('sides_found_on_page', onPage.cmp.name), ...alongside };
  }
  const best = core.findPolicyLinks(page.body, page.finalUrl)[0];
  if (best) {
    try {
      const policy = await load(best.url);
      const parsed = parse(policy);
      const byCmp = core.readCmpDeclaration(policy.body, t);
      const foundBy = byCmp ? t('sides_found_link_cmp', policy.finalUrl, byCmp.cmp.name) : t('sides_found_link', policy.finalUrl);
      return { url: policy.finalUrl, readAt, cookies: parsed.cookies, providers: parsed.providers, storage: parsed.storage, problems: [...parsed.problems, ...problems], foundBy, ...alongside };
    } catch (e) {
      // The policy page could not be read: the consent manager's own declaration stands in, when there is one.
      if (!config) throw e;
      problems.unshift(e instanceof Error ? e.message : String(e));
    }
  }
  if (config) {
    const list = config.list;
    return { url: config.url, readAt, cookies: list.cookies, providers: [], storage: list.storage ?? [], problems, foundBy: t('sides_found_config', config.name, config.url), declaredBy: 'consent-manager' };
  }
  throw new (core.PolicyError)('pol_no_link', pageUrl);
}

/** Reads the declared cookies of a policy page; with no URL, finds the best declaration from `pageUrl` itself. */
export async function readPolicy(pageUrl: string, policyUrl?: string, renderedHtml?: string): Promise<PolicyPreview> {
  if (!policyUrl) return readAuto(pageUrl, renderedHtml);
  const policy = await load(policyUrl);
  const parsed = parse(policy);
  return { url: policy.finalUrl, readAt: new Date().toISOString(), cookies: parsed.cookies, providers: parsed.providers, storage: parsed.storage, problems: parsed.problems };
}
