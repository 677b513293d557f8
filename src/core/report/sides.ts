import type { Translate } from '../text/i18n';
import type { Report, ReportCookie } from './report';

// The three sides of a site's declarations, in words shared by every report form: what the policy
// page says of a cookie, what the consent manager's own declaration says, and that the site set it.

/** "found by --policy auto: Cookiebot's declaration on the page", when the list says how it was found. */
export function foundByWords(r: Report, t: Translate): string | null {
  return r.declaredList.foundBy ? t('sides_found_by', r.declaredList.foundBy) : null;
}

/** The consent manager's declaration read alongside: "Cookiebot's declaration — https://…/cc.js (read …)". */
export function consentManagerListWords(r: Report): string | null {
  const cm = r.declaredList.consentManager;
  return cm ? `${cm.name} — ${cm.source}` : null;
}

/** What the policy page says of the cookie. */
export function policySideWords(c: ReportCookie, t: Translate): string {
  if (c.status === 'undeclared') return t('sides_not_declared');
  return c.match && c.match.kind !== 'exact' ? t('sides_declared_as', c.match.declaredAs) : t('sides_declared');
}

/** What the consent manager's declaration says of the cookie: "declared as _ga_# (analytics), at cookieTableStatistics[3]". */
export function consentManagerSideWords(c: ReportCookie, t: Translate): string | null {
  const s = c.consentManager;
  if (!s) return null;
  if (s.status === 'undeclared') return t('sides_not_declared');
  const parts = [s.declaredAs && s.declaredAs !== c.name ? t('sides_declared_as', s.declaredAs) : t('sides_declared')];
  if (s.category) parts.push(`(${t(`cat_${s.category}`)})`);
  if (s.from) parts.push(t('sides_at', s.from));
  return parts.join(' ');
}

/** The cookies on which the two declarations were compared, for the side-by-side table. */
export function sideBySide(r: Report, t: Translate): Array<{ name: string; ref: string; policy: string; consentManager: string }> {
  if (!r.declaredList.consentManager) return [];
  return r.cookies.map((c) => ({ name: c.name, ref: `${c.name}@${c.domain}${c.path}`, policy: policySideWords(c, t), consentManager: consentManagerSideWords(c, t) ?? '' }));
}
