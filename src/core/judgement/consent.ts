import { consentRecordIn } from '../evidence/consent-record';
import type { AuditEvent } from '../evidence/cookie';
import { EN, type Translate } from '../text/i18n';

// When the visitor gave consent: from the portal's own consent record (Opendatasoft portals write
// `cookies_preferences` when the visitor chooses), or as marked by hand by the auditor.

export interface Consent {
  at: number;
  source: string;
}

/** `earlier`: a consent record found among changes since summarised (core/evidence/summary). */
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
