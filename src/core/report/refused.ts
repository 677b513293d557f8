import type { RefusalRecord } from '../evidence/cookie';
import { hostOfUrl } from '../evidence/party';
import { refusalReason, writerUrl, type RefusalReason } from '../evidence/refusal';
import type { MessageKey, Translate } from '../text/i18n';
import { reportSetBy, type ReportSetBy } from './set-by';

const EXPLANATION: Record<RefusalReason, MessageKey> = {
  'third-party-blocked': 'refused_third_party_blocked',
  'samesite-none-not-secure': 'refused_samesite_none_not_secure',
  'secure-from-insecure-page': 'refused_secure_from_insecure_page',
  'domain-not-allowed': 'refused_domain_not_allowed',
  'too-large': 'refused_too_large',
  'prefix-rule': 'refused_prefix_rule',
  unknown: 'refused_unknown',
};

// The writes the browser refused, as a report lists them: never counted as cookies that were set.

export interface ReportRefusal {
  name: string;
  /** The Domain the write asked for, else the writer's host. */
  domain: string;
  path: string | null;
  at: string;
  setBy: ReportSetBy;
  reason: RefusalReason;
  /** The reason in one sentence, in the report's language. */
  explanation: string;
}

export function refusedInReport(records: readonly RefusalRecord[], pageSite: string, thirdPartyBlocked: boolean, t: Translate): ReportRefusal[] {
  return [...records]
    .sort((a, b) => a.at - b.at || a.id.localeCompare(b.id))
    .map((r) => {
      const url = writerUrl(r.setBy);
      const reason = refusalReason(r.write, url, pageSite, thirdPartyBlocked);
      return {
        name: r.write.name,
        domain: r.write.domain ?? (url ? (hostOfUrl(url) ?? '') : ''),
        path: r.write.path ?? null,
        at: new Date(r.at).toISOString(),
        setBy: reportSetBy(r.setBy),
        reason,
        explanation: t(EXPLANATION[reason], r.write.name),
      };
    });
}
