import { needsConsent, type Category } from './category';
import type { DeclaredLifetime } from '../declared/duration';
import type { DeclaredCategory } from '../declared/policy-columns';
import { EN, formatDuration, formatInstant, type Translate } from '../text/i18n';
import type { ConsentState } from './consent';

// Findings: what is wrong with the cookies a page set, each with a stable id, a severity, the
// cookies it is about, the rule it applies and one sentence an auditor can quote.

export type Severity = 'high' | 'medium' | 'low';
export type Rule =
  | 'undeclared'
  | 'set-before-consent'
  | 'set-after-refusal'
  | 'lifetime-over-13-months'
  | 'lifetime-exceeds-declared'
  | 'third-party'
  | 'session-cookie-not-secure'
  | 'samesite-none-not-secure'
  | 'auth-cookie-readable-by-scripts'
  | 'declared-by-provider-only'
  | 'declared-category-mismatch'
  | 'declarations-disagree';

export interface Finding {
  id: string;
  rule: Rule;
  severity: Severity;
  /** The cookies concerned, as name@domain/path. */
  cookies: string[];
  explanation: string;
}

/** What a rule needs to know of a cookie; a projection of the report's cookie. */
export interface FindingInput {
  name: string;
  domain: string;
  path: string;
  party: 'first' | 'third';
  site: string;
  status: 'declared' | 'undeclared';
  category: Category;
  vendor: string | null;
  secure: boolean;
  httpOnly: boolean;
  sameSite: 'None' | 'Lax' | 'Strict' | null;
  /** Seconds the site asked for (Max-Age/Expires); null for a session cookie or when unknown. */
  requestedLifetime: number | null;
  /** Seconds the browser applied (capped at 400 days by Chromium); null for a session cookie. */
  appliedLifetime: number | null;
  declaredLifetime?: DeclaredLifetime;
  /** The category the policy files the cookie under, when it says. */
  declaredCategory?: DeclaredCategory;
  /** Declared only through its provider: the policy never names the cookie. */
  providerOnly?: boolean;
  /**
   * What the consent manager's own declaration says of the cookie, when one was read alongside the
   * policy page's: whether it declares it (and under which category), and the consent manager's name.
   */
  byConsentManager?: { name: string; declared: boolean; category?: DeclaredCategory };
  beforeConsent: boolean;
  /** The first write while the visitor's refusal was in force, and that refusal's moment. */
  afterRefusal?: { at: string; refusedAt: string } | null;
  /** Who set the cookie: the script or request URL. */
  setBy?: { url: string | null };
  /** The cookie records the visitor's choice (judgement/consent-answer): never a violation of it. */
  consentRecord?: unknown;
}

/**
 * Audience measurement the CNIL says may be exempt from consent when configured for it (own
 * statistics only, anonymous output, lifetime of at most 13 months): "Cookies : solutions pour les
 * outils de mesure d'audience", https://www.cnil.fr/fr/cookies-solutions-pour-les-outils-de-mesure-daudience
 * (July 2025), and the vendors' published self-assessments against it. A finding about these says
 * so, for the auditor to check the configuration; it is never silenced.
 */
export const EXEMPTABLE_ANALYTICS: readonly string[] = ['Matomo', 'Piano Analytics (AT Internet)', 'Piwik PRO'];

const DAY = 86_400;
/** 13 months as the CNIL counts them for audience-measurement cookies: 13 × (365.25 / 12) days. */
export const THIRTEEN_MONTHS = Math.round(13 * (365.25 / 12) * DAY);
/** Slack when comparing a real lifetime with a declared one: clocks and rounding, not policy. */
const SLACK = 3600;

const SEVERITY_ORDER: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

export const ref = (c: Pick<FindingInput, 'name' | 'domain' | 'path'>): string => `${c.name}@${c.domain}${c.path}`;

/** "Matomo analytics cookie", "cookie de mesure d'audience Matomo": how a finding names a cookie's kind. */
export function cookieKind(c: Pick<FindingInput, 'vendor' | 'category'>, t: Translate): string {
  if (c.vendor) return t('who_vendor', c.vendor, t(`cat_${c.category}`));
  return c.category === 'unknown' ? t('who_plain') : t('who_category', t(`cat_${c.category}`));
}

/** The sentence added when a cookie's vendor may be exempt from consent: what to check, and whether its lifetime allows it. */
function exemptionNote(c: FindingInput, lifetime: number | null, t: Translate): string {
  if (c.category !== 'analytics' || !c.vendor || !EXEMPTABLE_ANALYTICS.includes(c.vendor)) return '';
  return ' ' + (lifetime !== null && lifetime > THIRTEEN_MONTHS ? t('f_exempt_too_long', c.vendor) : t('f_exempt_check', c.vendor));
}

/**
 * The one test of whether a cookie (or a storage item) needs the visitor's consent, which every
 * consent finding applies: its category when known (the table's, else the one its policy files it
 * under); otherwise an undeclared cookie of unknown purpose needs it, since nothing shows it is
 * necessary. A consent manager's own record never does: it is the answer, not a tracker.
 */
export function wantsConsent(c: Pick<FindingInput, 'category' | 'status' | 'declaredCategory' | 'consentRecord'>): boolean {
  if (c.consentRecord) return false;
  if (c.category !== 'unknown') return needsConsent(c.category);
  if (c.declaredCategory) return needsConsent(c.declaredCategory);
  return c.status === 'undeclared';
}

/** How serious a consent finding is: high for a known tracker, medium for a cookie of unknown purpose. */
export function consentSeverity(c: Pick<FindingInput, 'category' | 'declaredCategory'>): Severity {
  return needsConsent(c.category) || (c.category === 'unknown' && c.declaredCategory !== undefined && needsConsent(c.declaredCategory)) ? 'high' : 'medium';
}

export function findingsFor(cookies: readonly FindingInput[], pageIsHttps: boolean, consent: Pick<ConsentState, 'choice' | 'refusals'>, t: Translate = EN): Finding[] {
  const consentGiven = consent.choice !== 'none' || consent.refusals.length > 0;
  const out: Finding[] = [];
  const add = (rule: Rule, severity: Severity, c: FindingInput, explanation: string): void => {
    out.push({ id: `${rule}:${ref(c)}`, rule, severity, cookies: [ref(c)], explanation });
  };
  const span = (seconds: number): string => formatDuration(seconds, t);
  for (const c of cookies) {
    const who = cookieKind(c, t);
    const lifetime = c.requestedLifetime ?? c.appliedLifetime;

    if (c.status === 'undeclared') {
      const sev: Severity = needsConsent(c.category) ? 'high' : c.category === 'unknown' ? 'medium' : 'low';
      add('undeclared', sev, c, t('f_undeclared', who, c.name));
    }
    if (c.status === 'declared' && c.providerOnly) {
      add('declared-by-provider-only', 'low', c, t('f_provider_only', who, c.name));
    }
    // A claim that consent is not needed, for a cookie its vendor documents as tracking.
    if (c.status === 'declared' && c.declaredCategory === 'necessary' && needsConsent(c.category)) {
      add('declared-category-mismatch', 'medium', c, t('f_category_mismatch', c.name, t(`cat_${c.category}`), c.vendor ?? '?'));
    }
    const cm = c.byConsentManager;
    // The two declarations of one site disagree about a cookie it set: one of them is wrong.
    if (cm && !c.providerOnly) {
      if (c.status === 'declared' && !cm.declared) add('declarations-disagree', 'medium', c, t('f_disagree_policy_only', c.name, cm.name));
      else if (c.status === 'undeclared' && cm.declared) add('declarations-disagree', 'medium', c, t('f_disagree_cmp_only', c.name, cm.name));
      else if (cm.declared && c.declaredCategory && cm.category && c.declaredCategory !== cm.category) {
        const sev: Severity = c.declaredCategory === 'necessary' || cm.category === 'necessary' ? 'medium' : 'low';
        add('declarations-disagree', sev, c, t('f_disagree_category', c.name, t(`cat_${c.declaredCategory}`), cm.name, t(`cat_${cm.category}`)));
      }
    }
    const wanted = wantsConsent(c);
    if (c.beforeConsent && wanted) {
      const said = consentGiven ? t('f_before_consent_given', who, c.name) : t('f_before_consent_never', who, c.name);
      add('set-before-consent', consentSeverity(c), c, said + exemptionNote(c, lifetime, t));
    }
    if (c.afterRefusal && wanted) {
      const refusal = consent.refusals.find((r) => new Date(r.from).toISOString() === c.afterRefusal?.refusedAt);
      const by = c.setBy?.url ? t('f_after_refusal_by', c.setBy.url) : '';
      const said = t('f_after_refusal', who, c.name, formatInstant(c.afterRefusal.at, t, true), formatInstant(c.afterRefusal.refusedAt, t, true), refusal?.made.source ?? '?', by);
      add('set-after-refusal', consentSeverity(c), c, said + exemptionNote(c, lifetime, t));
    }
    if (lifetime !== null && lifetime > THIRTEEN_MONTHS) {
      add('lifetime-over-13-months', needsConsent(c.category) ? 'high' : 'medium', c, t('f_over_13_months', c.name, span(lifetime)));
    }
    const dl = c.declaredLifetime;
    if (dl && dl.kind === 'session' && lifetime !== null) {
      add('lifetime-exceeds-declared', 'medium', c, t('f_declared_session', c.name, span(lifetime)));
    } else if (dl && dl.kind === 'past' && lifetime !== null) {
      // Declared as deleted once written (an expiry in the past), yet kept.
      add('lifetime-exceeds-declared', 'medium', c, t('f_declared_past', c.name, span(lifetime)));
    } else if (dl && dl.kind === 'fixed' && lifetime !== null && lifetime > dl.seconds + SLACK) {
      add('lifetime-exceeds-declared', 'medium', c, t('f_exceeds_declared', c.name, span(lifetime), span(dl.seconds)));
    }
    if (c.party === 'third') {
      add('third-party', needsConsent(c.category) ? 'medium' : 'low', c, t('f_third_party', c.name, c.site));
    }
    if (pageIsHttps && !c.secure && /sess|csrf|xsrf/i.test(c.name)) {
      add('session-cookie-not-secure', 'medium', c, t('f_session_not_secure', c.name));
    }
    if (c.sameSite === 'None' && !c.secure) {
      add('samesite-none-not-secure', 'medium', c, t('f_samesite_none', c.name));
    }
    if (!c.httpOnly && /^(sessionid|.*sess(ion)?_?id|.*auth.*)$/i.test(c.name)) {
      add('auth-cookie-readable-by-scripts', 'high', c, t('f_auth_readable', c.name));
    }
  }
  return sortFindings(out);
}

/** High first, then by id: the order every report lists findings in. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.id.localeCompare(b.id));
}
