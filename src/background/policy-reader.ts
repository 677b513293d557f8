import { reportCore } from './core-loader';
import { t } from '../shared/i18n';
import type { PolicyPreview } from '../shared/protocol';

// Loads a cookie-policy page when the user asks for it: the one network request the extension
// makes of its own. Without credentials, so it neither sends the user's cookies nor sets any
// (which would pollute the audit it is meant to check).

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

/** Reads the declared cookies of a policy page; with no URL, finds the policy link on `pageUrl`. */
export async function readPolicy(pageUrl: string, policyUrl?: string): Promise<PolicyPreview> {
  let url = policyUrl;
  if (!url) {
    const page = await load(pageUrl);
    const best = reportCore().findPolicyLinks(page.body, page.finalUrl)[0];
    if (!best) throw new (reportCore().PolicyError)('pol_no_link', pageUrl);
    url = best.url;
  }
  const policy = await load(url);
  const parsed = /text\/plain/.test(policy.type) ? reportCore().parsePolicyText(policy.body, t) : reportCore().parsePolicyHtml(policy.body, t, { isKnownName });
  return { url: policy.finalUrl, readAt: new Date().toISOString(), cookies: parsed.cookies, providers: parsed.providers, storage: parsed.storage, problems: parsed.problems };
}
