import type { AuditEvent } from './cookie';

// When the visitor gave consent: from the portal's own consent record (Opendatasoft portals write
// `cookies_preferences` when the visitor chooses), or as marked by hand by the auditor.

/** Cookies in which consent managers record the visitor's choice. */
export const CONSENT_RECORDS: readonly string[] = ['cookies_preferences', 'OptanonConsent', 'CookieConsent', 'axeptio_cookies', 'tarteaucitron', 'mtm_consent'];

export interface Consent {
  at: number;
  source: string;
}

export function detectConsent(events: readonly AuditEvent[], markedAt?: number, markedHow?: string): Consent | null {
  const record = events.find((e) => (e.kind === 'set' || e.kind === 'overwrite') && CONSENT_RECORDS.includes(e.cookie.name));
  const fromRecord = record ? { at: record.at, source: `consent record: the ${record.cookie.name} cookie was written` } : null;
  const byHand = markedAt !== undefined ? { at: markedAt, source: markedHow ?? 'marked by hand by the auditor' } : null;
  if (fromRecord && byHand) return fromRecord.at <= byHand.at ? fromRecord : byHand;
  return fromRecord ?? byHand;
}
