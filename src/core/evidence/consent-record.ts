import type { AuditEvent } from './cookie';

// Which cookies are consent managers' records of the visitor's choice, and the first write of one
// among some changes: evidence the summary keeps (core/evidence/summary) and consent reads.

/** Cookies in which consent managers record the visitor's choice. */
export const CONSENT_RECORDS: readonly string[] = ['cookies_preferences', 'OptanonConsent', 'CookieConsent', 'axeptio_cookies', 'tarteaucitron', 'mtm_consent'];

/** The first write of a consent record among some changes: when, and in which cookie. */
export function consentRecordIn(events: readonly AuditEvent[]): { at: number; name: string } | null {
  const e = events.find((x) => (x.kind === 'set' || x.kind === 'overwrite') && CONSENT_RECORDS.includes(x.cookie.name));
  return e ? { at: e.at, name: e.cookie.name } : null;
}
