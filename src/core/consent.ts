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

export function detectConsent(events: readonly AuditEvent[], markedAt?: number, markedHow?: string, t: Translate = EN): Consent | null {
  const record = events.find((e) => (e.kind === 'set' || e.kind === 'overwrite') && CONSENT_RECORDS.includes(e.cookie.name));
  const fromRecord = record ? { at: record.at, source: t('consent_record', record.cookie.name) } : null;
  const byHand = markedAt !== undefined ? { at: markedAt, source: markedHow ?? t('consent_by_hand') } : null;
  if (fromRecord && byHand) return fromRecord.at <= byHand.at ? fromRecord : byHand;
  return fromRecord ?? byHand;
}
