import type { AuditEvent } from './cookie';
import { EN, type Translate } from './i18n';

// When the visitor gave consent: from the portal's own consent record (Opendatasoft portals write
// `cookies_preferences` when the visitor chooses), or as marked by hand by the auditor.

/** Cookies in which consent managers record the visitor's choice. */
export const CONSENT_RECORDS: readonly string[] = ['cookies_preferences', 'OptanonConsent', 'CookieConsent', 'axeptio_cookies', 'tarteaucitron', 'mtm_consent'];

export interface Consent {
  at: number;
  source: string;
}

/** The first write of a consent record among some changes: when, and in which cookie. */
export function consentRecordIn(events: readonly AuditEvent[]): { at: number; name: string } | null {
  const e = events.find((x) => (x.kind === 'set' || x.kind === 'overwrite') && CONSENT_RECORDS.includes(x.cookie.name));
  return e ? { at: e.at, name: e.cookie.name } : null;
}

/** `earlier`: a consent record found among changes since summarised (core/summary). */
export function detectConsent(
  events: readonly AuditEvent[],
  markedAt?: number,
  markedHow?: string,
  t: Translate = EN,
  earlier?: { at: number; name: string },
): Consent | null {
  const record = earlier ?? consentRecordIn(events);
  const fromRecord = record ? { at: record.at, source: t('consent_record', record.name) } : null;
  const byHand = markedAt !== undefined ? { at: markedAt, source: markedHow ?? t('consent_by_hand') } : null;
  if (fromRecord && byHand) return fromRecord.at <= byHand.at ? fromRecord : byHand;
  return fromRecord ?? byHand;
}
