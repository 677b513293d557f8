import { needsConsent, type Category } from './category';
import type { ConsentState } from './consent';
import { consentSeverity, wantsConsent, type Finding, type Severity } from './findings';
import type { StorageArea } from '../evidence/storage';
import { formatInstant, type Translate } from '../text/i18n';

// The findings about browser storage: the rules of cookies that make sense for it (undeclared,
// declared only through its provider, stored before consent, written after a refusal, third
// party). Storage has no expiry, so no lifetime rule applies: the reports say so.

export interface StorageFindingInput {
  area: StorageArea;
  key: string;
  origin: string;
  host: string;
  party: 'first' | 'third';
  status: 'declared' | 'undeclared';
  category: Category;
  vendor: string | null;
  providerOnly?: boolean;
  beforeConsent: boolean;
  afterRefusal: { at: string; refusedAt: string } | null;
  setBy?: { url: string | null };
}

/** A storage item as findings and rows refer to it: `localStorage:theme@https://example.org`. */
export function storageRef(s: Pick<StorageFindingInput, 'area' | 'key' | 'origin'>): string {
  return `${s.area}:${s.key}@${s.origin}`;
}

/** "Segment analytics", "mesure d'audience Segment", or "purpose unknown". */
export function storageKind(s: Pick<StorageFindingInput, 'vendor' | 'category'>, t: Translate): string {
  if (s.vendor) return t('fs_who_vendor', s.vendor, t(`cat_${s.category}`));
  return s.category === 'unknown' ? t('fs_who_unknown') : t(`catn_${s.category}`);
}

export function storageFindings(items: readonly StorageFindingInput[], consent: Pick<ConsentState, 'choice' | 'refusals'>, t: Translate): Finding[] {
  const consentGiven = consent.choice !== 'none' || consent.refusals.length > 0;
  const out: Finding[] = [];
  for (const s of items) {
    const me = storageRef(s);
    const add = (rule: Finding['rule'], severity: Severity, explanation: string): void => {
      out.push({ id: `${rule}:${me}`, rule, severity, cookies: [me], explanation });
    };
    const what = t(`st_area_${s.area}`);
    const who = storageKind(s, t);
    if (s.status === 'undeclared') {
      const sev: Severity = needsConsent(s.category) ? 'high' : s.category === 'unknown' ? 'medium' : 'low';
      add('undeclared', sev, t('fs_undeclared', what, s.key, s.host, who));
    }
    if (s.status === 'declared' && s.providerOnly) add('declared-by-provider-only', 'low', t('fs_provider_only', what, s.key, s.host, s.vendor ?? '?'));
    // The one rule of what needs consent, as for cookies (findings.wantsConsent).
    const wanted = wantsConsent(s);
    if (s.beforeConsent && wanted) {
      add('set-before-consent', consentSeverity(s), t(consentGiven ? 'fs_before_consent_given' : 'fs_before_consent_never', what, s.key, s.host, who));
    }
    if (s.afterRefusal && wanted) {
      const refusal = consent.refusals.find((r) => new Date(r.from).toISOString() === s.afterRefusal?.refusedAt);
      const by = s.setBy?.url ? t('f_after_refusal_by', s.setBy.url) : '';
      add('set-after-refusal', consentSeverity(s), t('fs_after_refusal', what, s.key, s.host, who, formatInstant(s.afterRefusal.at, t, true), formatInstant(s.afterRefusal.refusedAt, t, true), refusal?.made.source ?? '?', by));
    }
    if (s.party === 'third') add('third-party', needsConsent(s.category) ? 'medium' : 'low', t('fs_third_party', what, s.key, s.host));
  }
  return out;
}
