import { MATCH_WINDOW_MS } from './attribute';
import type { CookieChange, CookieState, CookieWrite, RefusalRecord, SetBy } from './cookie';
import { domainMatches, hostOfUrl, siteOfHost, siteOfUrl } from './party';
import { jarCookieOf, type LostWrite } from './recover';

// Writes the browser did not store. A Set-Cookie header or a script write that no stored change
// followed, and whose cookie is not in the jar a moment later, was refused: evidence too, never a
// cookie that was set. Its likely reason comes from the write's own attributes and where it came from.

/** How long after a write its change may still arrive before the jar is asked. */
export const REFUSAL_GRACE_MS = 2_000;

export type RefusalReason =
  | 'third-party-blocked'
  | 'samesite-none-not-secure'
  | 'secure-from-insecure-page'
  | 'domain-not-allowed'
  | 'too-large'
  | 'prefix-rule'
  | 'unknown';

/** Whether some change of a cookie of this name, that this host could set, came at or after a write (however late). */
function answeredBy(changes: readonly CookieChange[]): (name: string, host: string | null, at: number) => boolean {
  const byName = new Map<string, CookieChange[]>();
  for (const c of changes) {
    const list = byName.get(c.cookie.name);
    if (list) list.push(c);
    else byName.set(c.cookie.name, [c]);
  }
  return (name, host, at) => host !== null && (byName.get(name) ?? []).some((c) => c.at >= at - MATCH_WINDOW_MS && domainMatches(host, c.cookie.domain));
}

/**
 * Lost writes that no later change answers either. Under a flood a change can arrive later than
 * the matching window: any later change of a cookie of that name the writer could set proves the
 * write was stored.
 */
export function withoutLaterChange(lost: readonly LostWrite[], changes: readonly CookieChange[]): LostWrite[] {
  if (lost.length === 0) return [];
  const answered = answeredBy(changes);
  return lost.filter((w) => !answered(w.name, w.host, w.at));
}

/** The recorded refusals that still stand: a change that arrived after the jar was asked withdraws one. */
export function stillRefused(refusals: readonly RefusalRecord[], changes: readonly CookieChange[]): RefusalRecord[] {
  if (refusals.length === 0) return [];
  const answered = answeredBy(changes);
  return refusals.filter((r) => {
    const url = writerUrl(r.setBy);
    return !answered(r.write.name, url ? hostOfUrl(url) : null, r.at);
  });
}

/**
 * Whether the jar holds what a lost write wrote: its cookie, at the size the write gave it. A cookie
 * of that name with another size is an older one the refused write would have replaced.
 */
export function storedInJar(w: LostWrite, jar: readonly CookieState[]): boolean {
  const c = jarCookieOf(w, jar);
  return c !== undefined && (w.write.size === undefined || new TextEncoder().encode(c.name + c.value).length === w.write.size);
}

/** Lost writes old enough to ask the jar about, and not recorded yet. */
export function refusalCandidates(lost: readonly LostWrite[], recorded: ReadonlySet<string>, now: number): LostWrite[] {
  return lost.filter((w) => now - w.at >= REFUSAL_GRACE_MS && !recorded.has(w.ref));
}

export function refusalOf(w: LostWrite): RefusalRecord {
  return { id: w.ref, at: w.at, recordedAt: w.recordedAt, tabId: w.tabId, setBy: w.setBy, write: w.write };
}

/** Who wrote it: the response's URL, or the frame a script ran in. */
export function writerUrl(setBy: SetBy): string | undefined {
  if (setBy.kind === 'header') return setBy.url;
  if (setBy.kind === 'script') return setBy.frameUrl;
  return undefined;
}

// Hosts browsers treat as secure contexts over plain http.
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/** The likely reason, in the order browsers check: size, prefixes, Secure, SameSite, domain, third party. */
export function refusalReason(write: CookieWrite, url: string | undefined, pageSite: string, thirdPartyBlocked: boolean): RefusalReason {
  const host = url ? hostOfUrl(url) : null;
  if ((write.size ?? 0) > 4096) return 'too-large';
  if (write.name.startsWith('__Host-') && (!write.secure || write.path !== '/' || write.domain !== undefined)) return 'prefix-rule';
  if (write.name.startsWith('__Secure-') && !write.secure) return 'prefix-rule';
  if (write.secure && url?.startsWith('http:') && host !== null && !LOOPBACK.test(host)) return 'secure-from-insecure-page';
  if (write.sameSite === 'none' && !write.secure) return 'samesite-none-not-secure';
  if (write.domain !== undefined && host !== null && (!domainMatches(host, write.domain) || siteOfHost(write.domain) !== siteOfHost(host))) return 'domain-not-allowed';
  if (url && siteOfUrl(url) !== pageSite && thirdPartyBlocked) return 'third-party-blocked';
  return 'unknown';
}
