import { MAX_EVENTS_PER_TAB } from '../evidence/summary';
import { needsConsent } from '../judgement/category';
import { EN, formatInstant, plural, type Translate } from '../text/i18n';
import { consentLines } from './consent';
import { choicesLines } from './choices';
import { phaseTitle } from './phases';
import type { Report, ReportCookie, ReportMatch } from './report';
import { storageText } from './format-storage';
import { consentManagerListWords, consentManagerSideWords, foundByWords } from './sides';
import { knownLine } from './classification';

// Plain-text report for a terminal. Untrusted strings are stripped of control characters
// so a hostile cookie name cannot move the cursor or rewrite the terminal.
export function safeText(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (ch) =>
    `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function flags(c: ReportCookie, t: Translate): string {
  const f = [c.party === 'first' ? t('txt_first_party') : t('txt_third_party')];
  if (c.secure) f.push('Secure');
  if (c.httpOnly) f.push('HttpOnly');
  f.push(`SameSite=${c.sameSite ?? t('samesite_unspecified')}`);
  if (c.partitionSite) f.push(t('txt_partitioned', c.partitionSite));
  return f.join(' ');
}

/**
 * How a cookie was set, in words; shared by the text, HTML and Markdown reports and the popup. An
 * inferred header says so, and among how many responses; an HttpOnly cookie no write explains
 * still came from a header, since no script can write one.
 */
export function setByWords(s: ReportCookie['setBy'], t: Translate, httpOnly = false): string {
  if (s.kind === 'header') {
    const words = t('setby_header', s.url ?? '?', s.type ?? 'request');
    if (!s.inferred) return words;
    return `${words} ${s.inferred.of > 1 ? t('setby_inferred_of', s.inferred.of) : t('setby_inferred')}`;
  }
  if (s.kind === 'script') return s.frameUrl ? t('setby_script_in', s.url ?? t('setby_unknown_script'), s.frameUrl) : t('setby_script', s.url ?? t('setby_unknown_script'));
  if (s.missedSince !== undefined) return t('setby_missed', formatInstant(s.missedSince, t), formatInstant(s.at, t));
  return httpOnly ? t('setby_unknown_httponly') : t('setby_unknown');
}

/** How the audit knows a cookie records the visitor's choice: "consent record (tarteaucitron.js)". */
export function recordWords(c: Pick<ReportCookie, 'consentRecord'>, t: Translate): string {
  const r = c.consentRecord;
  if (!r) return '';
  return r.cmp ? t('record_kind_named', r.cmp) : t(r.by === 'banner-answer' ? 'record_kind_banner_answer' : 'record_kind_states_choice');
}

/** A cookie's kind in words: "analytics (Matomo), set before consent", "consent record (Klaro!)". */
export function kindWords(c: ReportCookie, t: Translate): string {
  const record = recordWords(c, t);
  // Older reports (before report@4) have no needsConsent: their rule was the category's.
  const wanted = c.needsConsent ?? needsConsent(c.category);
  return `${t(`catn_${c.category}`)}${c.vendor ? ` (${c.vendor})` : ''}${record ? `, ${record}` : ''}${c.beforeConsent && wanted ? `, ${t('set_before_consent')}` : ''}${c.afterRefusal && wanted ? `, ${t('set_after_refusal')}` : ''}`;
}

const REMOVED = { delete: 'removed_delete', expire: 'removed_expire', evict: 'removed_evict' } as const;

export function removedWords(c: ReportCookie, t: Translate): string {
  return c.present ? '' : t(REMOVED[c.removedBy ?? 'delete']);
}

/** How a declared cookie's name met its entry: "same name", "by the declared pattern _ga_xxx", or the family's rule. */
export function matchWords(m: ReportMatch, t: Translate): string {
  if (m.kind === 'family') return m.rule ?? m.declaredAs;
  if (m.kind === 'provider') return t('match_provider', m.declaredAs);
  return m.kind === 'pattern' ? t('match_pattern', m.declaredAs) : t('match_exact');
}

function cookieLines(c: ReportCookie, t: Translate): string[] {
  const lines = [
    `  - ${safeText(c.name)}  [${safeText(c.domain)}${safeText(c.path)}]  ${flags(c, t)}`,
    `      ${t('label', t('txt_expires'))} ${c.expires ?? t('session')}${c.present ? '' : `  (${removedWords(c, t)})`}`,
    `      ${t('label', t('txt_set_by'))} ${safeText(setByWords(c.setBy, t, c.httpOnly))}`,
  ];
  if (c.vendor || c.category !== 'unknown' || c.consentRecord) lines.push(`      ${t('label', t('txt_kind'))} ${safeText(kindWords(c, t))}`);
  if (c.classification) lines.push(`      ${t('label', t('txt_known'))} ${safeText(knownLine(c.classification, t))}`);
  if (c.firstSeenOn) lines.push(`      ${t('label', t('txt_first_seen_on'))} ${safeText(c.firstSeenOn)}`);
  if (c.declared) lines.push(`      ${t('label', t('txt_declared'))} ${t('label', safeText(c.declared.provider))} ${safeText(c.declared.purpose)}`);
  if (c.match) lines.push(`      ${t('label', t('txt_matched'))} ${safeText(matchWords(c.match, t))}`);
  const cm = consentManagerSideWords(c, t);
  if (cm) lines.push(`      ${t('label', t('sides_txt_consent_manager'))} ${safeText(cm)}`);
  if (c.value !== null) lines.push(`      ${t('label', t('txt_value'))} ${safeText(c.value)}`);
  return lines;
}

/** The undeclared count of the verdict, with a sign so it never relies on colour: "✗ 3 undeclared". */
export function undeclaredWords(r: Report, t: Translate): string {
  const n = r.summary.undeclared;
  return n > 0 ? `✗ ${t('count_undeclared', n)}` : `✓ ${t('nothing_undeclared')}`;
}

/** Undeclared browser storage, with its sign, when there is any: "✗ 12 undeclared in browser storage". */
export function storageUndeclaredWords(r: Report, t: Translate): string | null {
  const n = r.storage.summary.undeclared;
  return n > 0 ? `✗ ${t('count_storage_undeclared', n)}` : null;
}

/** The one-line verdict, as the popup and every report word it. */
export function verdictWords(r: Report, t: Translate): string {
  const s = r.summary;
  return t('verdict_line', s.declaredPresent, s.undeclared, s.missing);
}

export function formatText(r: Report, t: Translate = EN): string {
  const s = r.summary;
  const out: string[] = [
    t('txt_title', safeText(r.url), safeText(r.site)),
    `${t('label', t('declared_list'))} ${safeText(r.declaredList.name)} — ${safeText(r.declaredList.source)}${foundByWords(r, t) ? ` (${safeText(foundByWords(r, t) as string)})` : ''}`,
    ...(consentManagerListWords(r) ? [`${t('label', t('sides_consent_manager_list'))} ${safeText(consentManagerListWords(r) as string)}`] : []),
    t('txt_third_party_cookies', t(`tpc_${r.environment.thirdPartyCookies}`)),
    ...(r.environment.storageError ? [t('storage_error', safeText(r.environment.storageError.message), r.environment.storageError.unsaved)] : []),
    '',
    `${verdictWords(r, t)} (${t('cookies_parties', s.total, s.firstParty, s.thirdParty)})`,
    ...(storageUndeclaredWords(r, t) ? [storageUndeclaredWords(r, t) as string] : []),
  ];
  out.push('', `${t('txt_findings_head', r.findings.length, s.findings.high, s.findings.medium, s.findings.low)}`);
  if (r.findings.length === 0) out.push(`  (${t('none')})`);
  for (const f of r.findings) out.push(`  [${t(`sev_${f.severity}`).toUpperCase()}] ${safeText(f.explanation)}  (${f.rule})`);
  if (r.pages) {
    out.push('', `${t('pages_head').toUpperCase()} (${r.pages.length})`);
    r.pages.forEach((p, i) => out.push(`  ${i + 1}. ${t('label', safeText(p.url))} ${p.status === 'audited' ? plural(t, 'page_new_cookies', p.cookies ?? 0) : `${t(`page_${p.status}`)}, ${safeText(p.error ?? '')}`}`));
    for (const l of r.skippedLinks ?? []) out.push(`  − ${t('label', safeText(l.url))} ${t(l.reason === 'consent' ? 'crawl_skip_consent' : 'crawl_skip_changes_state', safeText(l.text))}`);
  }
  const consent = consentLines(r.consent, t);
  out.push(`${t('label', t('consent'))} ${safeText(consent.choice)}`, ...consent.more.map((l) => `  ${safeText(l)}`));
  if (r.choices) {
    const c = choicesLines(r.choices, t);
    out.push('', `${t('choices_title').toUpperCase()} (${r.choices.runs.length})`, ...c.runs.map((l) => `  ${safeText(l)}`));
    out.push(`  ${t('label', t('choices_only_accept'))} ${c.onlyWithAcceptance.length ? safeText(c.onlyWithAcceptance.join(', ')) : t('none')}`);
    out.push(`  ${t('label', t('choices_not_stopped'))} ${c.notStoppedByRefusal.length ? safeText(c.notStoppedByRefusal.join(', ')) : t('none')}`);
  }
  for (const p of r.phases ?? []) {
    const title = safeText(phaseTitle(p, t));
    out.push(`  ${t('label', title)} ${plural(t, 'phase_cookies', p.cookies.length)}${p.cookies.length ? ': ' + p.cookies.map((c) => safeText(c.split('@')[0] ?? c)).join(', ') : ''}`);
    if (p.writtenAgain?.length) out.push(`    ${t('label', t('phase_written_again'))} ${p.writtenAgain.map((c) => safeText(c.split('@')[0] ?? c)).join(', ')}`);
  }
  const group = (title: string, cookies: ReportCookie[]): void => {
    out.push('', `${title.toUpperCase()} (${cookies.length})`);
    if (cookies.length === 0) out.push(`  (${t('none')})`);
    for (const c of cookies) out.push(...cookieLines(c, t));
  };
  group(t('group_undeclared'), r.cookies.filter((c) => c.status === 'undeclared'));
  group(t('group_declared'), r.cookies.filter((c) => c.status === 'declared'));
  out.push('', `${t('group_missing').toUpperCase()} (${r.missing.length})`);
  if (r.missing.length === 0) out.push(`  (${t('none')})`);
  for (const m of r.missing) out.push(`  - ${safeText(m.name)}  ${t('label', safeText(m.provider))} ${safeText(m.purpose)}`);
  out.push(...storageText(r.storage, t));
  if (r.refused.length > 0) {
    out.push('', `${t('group_refused').toUpperCase()} (${r.refused.length})`);
    for (const x of r.refused) out.push(`  ✗ ${safeText(x.name)}  [${safeText(x.domain)}${safeText(x.path ?? '')}]  ${safeText(x.explanation)}`, `      ${t('label', t('txt_set_by'))} ${safeText(setByWords(x.setBy, t))}`);
  }
  if (!r.valuesShown) out.push('', t('txt_values_redacted'));
  return out.join('\n') + '\n';
}

/** One cookie's evidence as plain text, for the popup's Copy: what it is, who set it, its timeline, its findings. */
export function cookieEvidence(c: ReportCookie, r: Report, t: Translate = EN): string {
  const me = `${c.name}@${c.domain}${c.path}`;
  const lines = [
    t('evidence_head', safeText(c.name), safeText(r.url), formatInstant(r.generatedAt, t)),
    ...cookieLines(c, t),
    `      ${t('label', t('col_timeline'))}`,
    ...(c.summarisedEvents ? [`        ${plural(t, 'timeline_summarised', c.summarisedEvents, MAX_EVENTS_PER_TAB.toLocaleString(t('locale')))}`] : []),
    ...c.events.map((e) => `        ${e.at} ${t(`ev_${e.kind}`)}${e.setBy.url ? ` — ${safeText(e.setBy.url)}` : ''}`),
  ];
  const findings = r.findings.filter((f) => f.cookies.includes(me));
  if (findings.length > 0) {
    lines.push(`      ${t('label', t('findings'))}`);
    for (const f of findings) lines.push(`        [${t(`sev_${f.severity}`).toUpperCase()}] ${safeText(f.explanation)} (${f.rule})`);
  }
  return lines.join('\n') + '\n';
}
