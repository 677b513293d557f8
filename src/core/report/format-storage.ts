import { storageKind, storageRef } from '../judgement/findings-storage';
import { formatInstant, formatTimeMs, numberFormat, type Translate } from '../text/i18n';
import { safeText } from './format-text';
import type { Report } from './report';
import type { ReportStorage, ReportStorageItem } from './storage';
import { knownLine } from './classification';

// Browser storage in every report form (text, Markdown, HTML, the popup's copy): the same words
// everywhere, built here once. Untrusted keys and values go through each form's own escaping.

export function sizeWords(i: Pick<ReportStorageItem, 'size'>, t: Translate): string {
  return i.size === null ? '' : t('st_size', numberFormat(t('locale'), {}).format(i.size));
}

export function storageSetByWords(i: ReportStorageItem, t: Translate): string {
  if (i.setBy.kind === 'unknown') return t('st_setby_unknown');
  return t('st_setby_script', i.setBy.url ?? t('setby_unknown_script'), i.setBy.frameUrl ?? i.origin);
}

export function storageMatchWords(i: ReportStorageItem, t: Translate): string {
  const m = i.match;
  if (!m) return '';
  if (m.kind === 'cookie') return t('st_match_cookie', m.declaredAs);
  if (m.kind === 'provider') return t('st_match_provider', m.declaredAs);
  return m.kind === 'pattern' ? t('match_pattern', m.declaredAs) : t('match_exact');
}

/** Party, partition, presence and consent in words: "third-party, partitioned(example.org), removed". */
export function storageFlags(i: ReportStorageItem, t: Translate): string {
  const f = [i.party === 'third' ? t('party_third') : t('party_first')];
  if (i.partitionSite) f.push(t('txt_partitioned', i.partitionSite));
  if (i.preexisting) f.push(t('st_preexisting'));
  if (!i.present) f.push(t('st_removed'));
  if (i.afterRefusal) f.push(t('set_after_refusal'));
  return f.join(', ');
}

export function storageValueWords(i: ReportStorageItem, t: Translate): string {
  if (i.value === null) return '';
  return i.valueTruncated ? `${i.value}… ${t('st_truncated', i.value.length)}` : i.value;
}

const eventWords = (e: ReportStorageItem['events'][number], t: Translate): string =>
  `${t(`ev_${e.kind}`)}${e.store ? ` ${e.store}` : ''}${e.repeat ? ` ×${e.repeat}` : ''}`;

function itemLines(i: ReportStorageItem, t: Translate): string[] {
  const lines = [
    `  - [${i.area}] ${safeText(i.key)}  ${safeText(i.origin)}  ${storageFlags(i, t)}${i.size !== null ? `  ${sizeWords(i, t)}` : ''}`,
    `      ${t('label', t('txt_set_by'))} ${safeText(storageSetByWords(i, t))}`,
    `      ${t('label', t('txt_kind'))} ${safeText(storageKind(i, t))}`,
  ];
  if (i.classification) lines.push(`      ${t('label', t('txt_known'))} ${safeText(knownLine(i.classification, t))}`);
  if (i.stores?.length) lines.push(`      ${safeText(t('st_stores', i.stores.join(', ')))}`);
  if (i.declared) lines.push(`      ${t('label', t('txt_declared'))} ${t('label', safeText(i.declared.provider))} ${safeText(i.declared.purpose)}`);
  if (i.match) lines.push(`      ${t('label', t('txt_matched'))} ${safeText(storageMatchWords(i, t))}`);
  if (i.value !== null) lines.push(`      ${t('label', t('txt_value'))} ${safeText(storageValueWords(i, t))}`);
  return lines;
}

/** The storage section of the text report. */
export function storageText(s: ReportStorage, t: Translate): string[] {
  const n = s.summary;
  const out = ['', `${t('st_title').toUpperCase()} (${t('st_counts', n.total, n.declaredPresent, n.undeclared, n.missing)})`, `  ${t('st_no_expiry')}`];
  if (s.items.length === 0) out.push(`  (${t('st_empty')})`);
  for (const status of ['undeclared', 'declared'] as const) {
    const items = s.items.filter((i) => i.status === status);
    if (items.length === 0) continue;
    out.push(`  ${t(`group_${status}`)} (${items.length})`);
    for (const i of items) out.push(...itemLines(i, t));
  }
  if (s.missing.length) {
    out.push(`  ${t('st_missing_title')} (${s.missing.length})`);
    for (const m of s.missing) out.push(`  - [${m.kind}] ${safeText(m.key)}  ${t('label', safeText(m.provider))} ${safeText(m.purpose)}`);
  }
  return out;
}

/** One storage item's evidence as plain text, for the popup's Copy. */
export function storageEvidence(i: ReportStorageItem, r: Report, t: Translate): string {
  const me = storageRef(i);
  const lines = [
    t('evidence_head', safeText(`${i.area}:${i.key}`), safeText(r.url), formatInstant(r.generatedAt, t)),
    ...itemLines(i, t),
    `      ${t('label', t('col_timeline'))}`,
    ...i.events.map((e) => `        ${e.at} ${eventWords(e, t)}${e.setBy.url ? ` — ${safeText(e.setBy.url)}` : ''}`),
  ];
  const findings = r.findings.filter((f) => f.cookies.includes(me));
  if (findings.length) {
    lines.push(`      ${t('label', t('findings'))}`);
    for (const f of findings) lines.push(`        [${t(`sev_${f.severity}`).toUpperCase()}] ${safeText(f.explanation)} (${f.rule})`);
  }
  return lines.join('\n') + '\n';
}

/** The timeline of one item, for the popup and the HTML report. */
export function storageTimeline(i: ReportStorageItem, t: Translate): Array<{ at: string; time: string; words: string; url: string | null }> {
  return i.events.map((e) => ({ at: e.at, time: formatTimeMs(e.at, t), words: eventWords(e, t), url: e.setBy.url }));
}
