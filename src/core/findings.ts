import { needsConsent, type Category } from './classify';
import type { DeclaredLifetime } from './duration';

// Findings: what is wrong with the cookies a page set, each with a stable id, a severity, the
// cookies it is about, the rule it applies and one sentence an auditor can quote.

export type Severity = 'high' | 'medium' | 'low';
export type Rule =
  | 'undeclared'
  | 'set-before-consent'
  | 'lifetime-over-13-months'
  | 'lifetime-exceeds-declared'
  | 'third-party'
  | 'session-cookie-not-secure'
  | 'samesite-none-not-secure'
  | 'auth-cookie-readable-by-scripts';

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
  beforeConsent: boolean;
}

const DAY = 86_400;
/** 13 months as the CNIL counts them for audience-measurement cookies: 13 × (365.25 / 12) days. */
export const THIRTEEN_MONTHS = Math.round(13 * (365.25 / 12) * DAY);
/** Slack when comparing a real lifetime with a declared one: clocks and rounding, not policy. */
const SLACK = 3600;

const SEVERITY_ORDER: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

export const ref = (c: Pick<FindingInput, 'name' | 'domain' | 'path'>): string => `${c.name}@${c.domain}${c.path}`;

function days(seconds: number): string {
  const d = seconds / DAY;
  return d >= 60 ? `${Math.round(d / (365.25 / 12))} months` : `${Math.round(d)} days`;
}

export function findingsFor(cookies: readonly FindingInput[], pageIsHttps: boolean, consentGiven: boolean): Finding[] {
  const out: Finding[] = [];
  const add = (rule: Rule, severity: Severity, c: FindingInput, explanation: string): void => {
    out.push({ id: `${rule}:${ref(c)}`, rule, severity, cookies: [ref(c)], explanation });
  };
  for (const c of cookies) {
    const who = c.vendor ? `${c.vendor} ${c.category} cookie` : c.category === 'unknown' ? 'cookie' : `${c.category} cookie`;
    const lifetime = c.requestedLifetime ?? c.appliedLifetime;

    if (c.status === 'undeclared') {
      const sev: Severity = needsConsent(c.category) ? 'high' : c.category === 'unknown' ? 'medium' : 'low';
      add('undeclared', sev, c, `The ${who} ${c.name} is set but the cookie policy does not declare it.`);
    }
    if (c.beforeConsent && needsConsent(c.category)) {
      add('set-before-consent', 'high', c, consentGiven
        ? `The ${who} ${c.name} was set before the visitor gave consent.`
        : `The ${who} ${c.name} was set although the visitor never gave consent during the audit.`);
    }
    if (lifetime !== null && lifetime > THIRTEEN_MONTHS) {
      add('lifetime-over-13-months', needsConsent(c.category) ? 'high' : 'medium', c,
        `${c.name} asks to live ${days(lifetime)}, longer than the 13 months the CNIL allows for audience-measurement cookies.`);
    }
    const dl = c.declaredLifetime;
    if (dl && dl.kind === 'session' && lifetime !== null) {
      add('lifetime-exceeds-declared', 'medium', c, `${c.name} is declared as a session cookie but lives ${days(lifetime)}.`);
    } else if (dl && dl.kind === 'fixed' && lifetime !== null && lifetime > dl.seconds + SLACK) {
      add('lifetime-exceeds-declared', 'medium', c, `${c.name} lives ${days(lifetime)}, longer than the ${days(dl.seconds)} its policy declares.`);
    }
    if (c.party === 'third') {
      add('third-party', needsConsent(c.category) ? 'medium' : 'low', c, `${c.name} is a third-party cookie of ${c.site}.`);
    }
    if (pageIsHttps && !c.secure && /sess|csrf|xsrf/i.test(c.name)) {
      add('session-cookie-not-secure', 'medium', c, `${c.name} is a session or CSRF cookie on an https page but lacks Secure, so it can travel over plain http.`);
    }
    if (c.sameSite === 'None' && !c.secure) {
      add('samesite-none-not-secure', 'medium', c, `${c.name} is SameSite=None without Secure.`);
    }
    if (!c.httpOnly && /^(sessionid|.*sess(ion)?_?id|.*auth.*)$/i.test(c.name)) {
      add('auth-cookie-readable-by-scripts', 'high', c, `${c.name} authenticates the user but lacks HttpOnly, so any script on the page can read it.`);
    }
  }
  return out.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.id.localeCompare(b.id));
}
