import { formatInstant, plural, EN, type Translate } from '../text/i18n';
import { kindWords, matchWords, removedWords, setByWords, storageUndeclaredWords, undeclaredWords, verdictWords } from './format-text';
import { consentLines } from './consent';
import { choicesLines } from './choices';
import type { Report, ReportCookie } from './report';
import { sizeWords, storageFlags, storageMatchWords, storageSetByWords, storageValueWords } from './format-storage';
import { storageKind } from '../judgement/findings-storage';
import { consentManagerListWords, foundByWords, sideBySide } from './sides';
import { knownWords, sourceUrl, type ReportClassification } from './classification';

// A Markdown report for a ticket or a pull request: summary, findings, one table per group.
// Untrusted text is flattened to one line and every Markdown/HTML punctuation mark is escaped,
// so a cookie name cannot open a link, an image, raw HTML or a new table cell.

export function mdText(s: string): string {
  return s.replace(/[\r\n\t]+/g, ' ').replace(/[\\`*_{}[\]()#+\-.!|<>&~"']/g, (ch) => `\\${ch}`);
}

/** How it is known, and a link to its source, for a table's kind cell. */
function knownMd(k: ReportClassification | null, t: Translate): string {
  if (!k) return '';
  const url = sourceUrl(k.source);
  return ` — ${mdText(knownWords(k, t))}${url ? ` ([${mdText(t('known_source', new URL(url).hostname))}](<${url}>))` : ''}`;
}

function table(cookies: ReportCookie[], t: Translate): string[] {
  if (cookies.length === 0) return [`_${t('none')}_`];
  return [
    `| ${t('col_name')} | ${t('col_domain_path')} | ${t('col_party')} | ${t('col_kind')} | ${t('col_set_by')} | ${t('col_expires')} |`,
    '| --- | --- | --- | --- | --- | --- |',
    ...cookies.map((c) =>
      `| ${mdText(c.name)}${c.match && c.match.kind !== 'exact' ? ` (${mdText(matchWords(c.match, t))})` : ''} | ${mdText(c.domain + c.path)} | ${c.party === 'third' ? t('party_third') : t('party_first')} | ${mdText(kindWords(c, t))}${knownMd(c.classification, t)} | ` +
      `${mdText(setByWords(c.setBy, t, c.httpOnly))} | ${c.expires ? mdText(formatInstant(c.expires, t)) : t('session')}${c.present ? '' : ` (${removedWords(c, t)})`} |`),
  ];
}

export function formatMarkdown(r: Report, t: Translate = EN): string {
  const s = r.summary;
  return [
    `# ${mdText(t('html_title', r.site))}`,
    '',
    `${t('label', t('html_page'))} ${mdText(r.url)}  `,
    `${mdText(t('html_meta', formatInstant(r.startedAt, t), formatInstant(r.generatedAt, t), r.environment.browser, r.environment.extensionVersion, t(`tpc_${r.environment.thirdPartyCookies}`)))}  `,
    `${t('label', t('declared_list'))} ${mdText(r.declaredList.name)} (${mdText(r.declaredList.source)})${foundByWords(r, t) ? `, ${mdText(foundByWords(r, t) as string)}` : ''}${consentManagerListWords(r) ? `  ` : ''}`,
    ...(consentManagerListWords(r) ? [`${t('label', t('sides_consent_manager_list'))} ${mdText(consentManagerListWords(r) as string)}`] : []),
    '',
    `**${undeclaredWords(r, t)}**: ${mdText(verdictWords(r, t))} (${mdText(t('cookies_parties', s.total, s.firstParty, s.thirdParty))}).${storageUndeclaredWords(r, t) ? ` **${mdText(storageUndeclaredWords(r, t) as string)}**.` : ''}`,
    '',
    `${t('label', t('consent'))} ${mdText(consentLines(r.consent, t).choice)}.`,
    ...consentLines(r.consent, t).more.map((l) => `- ${mdText(l)}`),
    ...(r.choices ? choicesMd(r, t) : []),
    ...(r.pages ? ['', `## ${t('pages_head')}`, '', ...r.pages.map((p, i) => `${i + 1}. ${mdText(p.url)}: ${p.status === 'audited' ? plural(t, 'page_new_cookies', p.cookies ?? 0) : `${t(`page_${p.status}`)}, ${mdText(p.error ?? '')}`}`)] : []),
    '',
    `## ${t('findings')} (${r.findings.length})`,
    '',
    ...(r.findings.length ? r.findings.map((f) => `- **${t(`sev_${f.severity}`)}** ${mdText(f.explanation)} (${f.rule})`) : [`_${t('nothing_to_report')}_`]),
    '',
    `## ${t('group_undeclared')} (${s.undeclared})`,
    '',
    ...table(r.cookies.filter((c) => c.status === 'undeclared'), t),
    '',
    `## ${t('group_declared')} (${s.declaredPresent})`,
    '',
    ...table(r.cookies.filter((c) => c.status === 'declared'), t),
    '',
    ...sidesMd(r, t),
    `## ${t('group_missing')} (${s.missing})`,
    '',
    ...(r.missing.length ? r.missing.map((m) => `- ${mdText(m.name)}: ${mdText(m.purpose)}`) : [`_${t('none')}_`]),
    '',
    ...storageMd(r, t),
    ...(r.refused.length ? [`## ${t('group_refused')} (${r.refused.length})`, '', ...r.refused.map((x) => `- ${mdText(x.name)} (${mdText(x.domain + (x.path ?? ''))}): ${mdText(x.explanation)}`), ''] : []),
  ].join('\n');
}

function choicesMd(r: Report, t: Translate): string[] {
  if (!r.choices) return [];
  const c = choicesLines(r.choices, t);
  const list = (xs: string[]): string => (xs.length ? xs.map(mdText).join(', ') : t('none'));
  return ['', `## ${t('choices_title')}`, '', ...c.runs.map((l) => `- ${mdText(l)}`), '', `${t('label', t('choices_only_accept'))} ${list(c.onlyWithAcceptance)}`, '', `${t('label', t('choices_not_stopped'))} ${list(c.notStoppedByRefusal)}`];
}

function storageMd(r: Report, t: Translate): string[] {
  const s = r.storage;
  const n = s.summary;
  const rows = s.items.map((i) =>
    `| ${i.area} | ${mdText(i.key)}${i.match && i.match.kind !== 'exact' ? ` (${mdText(storageMatchWords(i, t))})` : ''} | ${mdText(i.origin)} | ${t(`status_${i.status}`)} | ${mdText(storageKind(i, t))}${knownMd(i.classification, t)} | ${mdText(storageFlags(i, t))} | ${mdText(sizeWords(i, t))} | ${mdText(storageSetByWords(i, t))} |${r.valuesShown ? ` ${mdText(storageValueWords(i, t))} |` : ''}`);
  return [
    `## ${t('st_title')} (${n.total})`,
    '',
    `${mdText(t('st_counts', n.total, n.declaredPresent, n.undeclared, n.missing))}. ${mdText(t('st_no_expiry'))}`,
    '',
    ...(rows.length
      ? [`| ${t('st_area_col')} | ${t('st_key_col')} | ${t('st_origin_col')} | ${t('col_status')} | ${t('col_kind')} | ${t('col_party')} | ${t('st_size_col')} | ${t('col_set_by')} |${r.valuesShown ? ` ${t('col_value')} |` : ''}`, `|${' --- |'.repeat(r.valuesShown ? 9 : 8)}`, ...rows]
      : [`_${t('st_empty')}_`]),
    '',
    ...(s.missing.length ? [`### ${t('st_missing_title')} (${s.missing.length})`, '', ...s.missing.map((m) => `- ${m.kind}: ${mdText(m.key)}: ${mdText(m.purpose)}`), ''] : []),
  ];
}

/** The three sides, when a consent manager's declaration was read alongside the policy page's. */
function sidesMd(r: Report, t: Translate): string[] {
  const rows = sideBySide(r, t);
  if (rows.length === 0) return [];
  return [`## ${t('sides_title')}`, '', `| ${t('sides_col_site')} | ${t('sides_col_policy')} | ${t('sides_col_consent_manager')} |`, '| --- | --- | --- |', ...rows.map((x) => `| ${mdText(x.ref)} | ${mdText(x.policy)} | ${mdText(x.consentManager)} |`), ''];
}
