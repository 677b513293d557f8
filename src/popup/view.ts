import { openTimeline, timelineDetails } from './timeline';
import type { DeclaredCookie } from '../core/declared/declared';
import type { ReportRefusal } from '../core/report/refused';
import type { ExportFormat } from '../core/report/export';
import { ref } from '../core/judgement/findings';
import { kindWords, matchWords, removedWords, setByWords, storageUndeclaredWords, undeclaredWords } from '../core/report/format-text';
import { formatInstant, formatTimeMs, numberFormat, plural, type MessageKey, type Translate } from '../core/text/i18n';
import type { Report, ReportCookie } from '../core/report/report';
import { consentLines } from '../core/report/consent';
import { MAX_EVENTS_PER_TAB } from '../core/evidence/summary';
import { SORT_KEYS, type GroupCount, type GroupId, type PopupView, type SortKey } from '../core/report/view-slice';
import { h, type Child } from '../ui/dom';
import { pendingCount, type PendingChecks } from '../shared/protocol';
import { group, moreButtons } from './group';
import { storageSection } from './storage-view';
import type { ReportStorageItem } from '../core/report/storage';
import { knownChild } from './known';

// Renders a report as the background cut it for the popup (core/report/view-slice). Pure view: no
// browser API, no state but what it is given; every word comes from the translator it is handed.

export type { SortKey };

export interface ViewOptions {
  t: Translate;
  showValues: boolean;
  onToggleValues: (show: boolean) => void;
  onEditLists?: () => void;
  /** The auditor says the visitor accepted, or refused, now. */
  onMarkConsent?: (choice: 'accepted' | 'refused') => void;
  /** Saves the audit as a file in this format. */
  onExport?: (format: ExportFormat) => void;
  /** Copies one cookie's evidence as text. */
  onCopy?: (c: ReportCookie) => void;
  /** Switches the tab to full evidence (exact Set-Cookie headers) and reloads it. */
  onFullEvidence?: () => void;
  /** Copies one storage item's evidence as text. */
  onCopyStorage?: (i: ReportStorageItem) => void;
  /** Shown under the verdict: the declared-list actions and their last message. */
  tools?: HTMLElement[];
  now: number;
  /** The filter the view was cut with, shown in its box. */
  filter?: string;
  onFilter?: (text: string) => void;
  sort?: SortKey;
  onSort?: (key: SortKey) => void;
  /** Groups the user folded. */
  collapsed?: ReadonlySet<string>;
  onToggleGroup?: (group: string) => void;
  onShowMore?: (group: GroupId, rows: number) => void;
  /** A finding links to a cookie whose row is not built (beyond the rows shown, or filtered out). */
  onShowCookie?: (cookieRef: string) => void;
}

const DAY = 86_400_000;

export function describeExpiry(expires: string | null, now: number, t: Translate): string {
  if (expires === null) return t('expiry_session');
  const days = Math.round((Date.parse(expires) - now) / DAY);
  const when = formatInstant(expires, t);
  if (days > 1) return t('expiry_in', when, plural(t, 'days', days));
  if (days >= 0) return t('expiry_within_day', when);
  return t('expiry_past', when);
}

// webRequest's resource types, in an auditor's words.
const REQUEST_TYPES: Record<string, MessageKey> = {
  main_frame: 'rt_main_frame', sub_frame: 'rt_sub_frame', script: 'rt_script', image: 'rt_image', stylesheet: 'rt_stylesheet',
  xmlhttprequest: 'rt_xhr', font: 'rt_font', media: 'rt_media', ping: 'rt_ping', beacon: 'rt_beacon',
};

/** The reports' words for who set a cookie, with the request type in an auditor's words. */
function setByText(c: ReportCookie, t: Translate): string {
  const type = REQUEST_TYPES[c.setBy.type ?? ''];
  return setByWords(type ? { ...c.setBy, type: t(type) } : c.setBy, t, c.httpOnly);
}

/** Seconds since the audit started, so an auditor can line events up with what they did. */
export function sinceStart(at: string, startedAt: string, t: Translate): string {
  const s = (Date.parse(at) - Date.parse(startedAt)) / 1000;
  const digits = s < 10 ? 2 : 1;
  return `+${numberFormat(t('locale'), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(s)} s`;
}

/** A cookie's changes in order, with the page's reload after the choice marked among them. */
function timeline(c: ReportCookie, startedAt: string, reloadedAt: string | null, t: Translate): HTMLElement {
  const event = (e: ReportCookie['events'][number]): HTMLElement =>
    h('li', { 'data-kind': e.kind },
      h('time', { datetime: e.at, title: e.at }, formatTimeMs(e.at, t)),
      h('span', { className: 'since' }, ` (${sinceStart(e.at, startedAt, t)}) `),
      h('strong', {}, t(`ev_${e.kind}`)),
      e.setBy.kind === 'unknown' ? '' : [` ${e.setBy.kind === 'header' ? t('tl_by_header') : t('tl_by_script')} `, h('span', { className: 'mono' }, e.setBy.url ?? '?')]);
  const reload = (at: string): HTMLElement =>
    h('li', { 'data-kind': 'reload' }, h('time', { datetime: at, title: at }, formatTimeMs(at, t)), h('span', { className: 'since' }, ` (${sinceStart(at, startedAt, t)}) `), h('em', {}, t('timeline_reload')));
  return timelineDetails(
    plural(t, 'timeline_changes', c.eventCount),
    c.summarisedEvents ? h('p', { className: 'summarised' }, plural(t, 'timeline_summarised', c.summarisedEvents, MAX_EVENTS_PER_TAB.toLocaleString(t('locale')))) : null,
    () => {
      // The reload goes where it happened: what comes after it was written with the choice in force.
      const cut = reloadedAt === null ? -1 : c.events.findIndex((e) => Date.parse(e.at) >= Date.parse(reloadedAt));
      const items = c.events.map(event);
      if (reloadedAt !== null) items.splice(cut < 0 ? items.length : cut, 0, reload(reloadedAt));
      return h('ol', {}, items);
    });
}

/** The element id of a cookie's row, from its finding reference (name@domain/path). */
export function cookieAnchor(cookieRef: string): string {
  let hash = 0;
  for (let i = 0; i < cookieRef.length; i++) hash = (Math.imul(hash, 31) + cookieRef.charCodeAt(i)) | 0;
  return `cookie-${(hash >>> 0).toString(36)}`;
}

function cookieItem(c: ReportCookie, opts: ViewOptions, when: { startedAt: string; reloadedAt: string | null }, withStatus: boolean): HTMLElement {
  const t = opts.t;
  const flags = [c.secure ? 'Secure' : t('flag_not_secure'), c.httpOnly ? 'HttpOnly' : t('flag_readable'), `SameSite=${c.sameSite ?? t('samesite_unspecified')}`];
  const rows: Array<[string, Child, boolean?]> = [
    [t('col_domain'), c.domain + (c.hostOnly ? ` (${t('host_only')})` : ''), true],
    [t('col_path'), c.path, true],
    [t('col_flags'), flags.join(' · ')],
    [t('col_expires'), describeExpiry(c.expires, opts.now, t)],
    [t('col_set_by'), setByText(c, t)],
  ];
  if (c.partitionSite) rows.push([t('col_partition'), c.partitionSite, true]);
  if (c.vendor || c.category !== 'unknown' || c.consentRecord) rows.push([t('col_kind'), kindWords(c, t)]);
  if (c.classification) rows.push([t('col_known'), knownChild(c.classification, t)]);
  if (c.declared) rows.push([t('txt_declared_cap'), declaredWords(c.declared, t)]);
  if (c.match) rows.push([t('col_match'), matchWords(c.match, t)]);
  if (c.value !== null) rows.push([t('col_value'), c.value, true]);
  return h(
    'li',
    { className: 'cookie', id: cookieAnchor(ref(c)), 'data-cookie-name': c.name, 'data-party': c.party },
    h(
      'div',
      { className: 'head' },
      h('span', { className: 'name' }, c.name),
      h('span', { className: c.party === 'third' ? 'tag third' : 'tag' }, c.party === 'third' ? t('party_third') : t('party_first')),
      withStatus ? h('span', { className: c.status === 'undeclared' ? 'tag gone' : 'tag' }, c.status === 'undeclared' ? t('status_undeclared') : t('status_declared')) : null,
      c.present ? null : h('span', { className: 'tag gone' }, removedWords(c, t)),
      opts.onCopy ? h('button', { type: 'button', className: 'copy', 'aria-label': t('copy_label', c.name), onclick: () => opts.onCopy?.(c) }, t('copy')) : null,
    ),
    h('dl', {}, rows.map(([k, v, mono]) => [h('dt', {}, k), h('dd', { className: mono ? 'mono' : undefined }, v)])),
    timeline(c, when.startedAt, when.reloadedAt, t),
  );
}

/** Shows a finding's cookie: its row scrolled into view, its timeline open, focus on it. False when its row is not built. */
export function reveal(cookieRef: string): boolean {
  const row = document.getElementById(cookieAnchor(cookieRef));
  const details = row?.querySelector('details');
  if (!row || !details) return false;
  openTimeline(details);
  row.scrollIntoView({ block: 'nearest' });
  details.querySelector('summary')?.focus();
  return true;
}

/** "Opendatasoft — Authentication: to remember the user", without a dangling colon when the policy gives no purpose. */
function declaredWords(d: Pick<DeclaredCookie, 'provider' | 'function' | 'purpose'>, t: Translate): string {
  const what = d.purpose ? `${t('label', d.function)} ${d.purpose}` : d.function;
  return [d.provider, what].filter((x) => x !== '').join(' — ');
}

function missingItem(d: DeclaredCookie, t: Translate): HTMLElement {
  return h(
    'li',
    { className: 'cookie', 'data-cookie-name': d.name },
    h('div', { className: 'head' }, h('span', { className: 'name' }, d.name)),
    h('dl', {}, h('dt', {}, t('txt_declared_cap')), h('dd', {}, declaredWords(d, t))),
  );
}

/** A write the browser refused: its name, why, and who wrote it. Never a cookie that was set. */
function refusedItem(x: ReportRefusal, t: Translate): HTMLElement {
  return h(
    'li',
    { className: 'cookie refused', 'data-cookie-name': x.name, 'data-reason': x.reason },
    h('div', { className: 'head' }, h('span', { className: 'name' }, x.name), h('span', { className: 'tag refused' }, x.reason)),
    h('dl', {}, h('dt', {}, t('col_why')), h('dd', {}, x.explanation), h('dt', {}, t('col_set_by')), h('dd', {}, setByWords(x.setBy, t))),
  );
}

const SEVERITY_MARK = { high: '▲', medium: '●', low: '○' } as const;

function findingsSection(r: Report, total: number, opts: ViewOptions): HTMLElement {
  const t = opts.t;
  const more = total - r.findings.length;
  const items = r.findings.map((f) =>
    h('li', { className: `finding ${f.severity}`, 'data-rule': f.rule, 'data-cookie': f.cookies[0] ?? '' },
      h('span', { className: 'sev' }, `${SEVERITY_MARK[f.severity]} ${t(`sev_${f.severity}`)}`),
      ' ', f.explanation, ' ',
      f.cookies.map((cookieRef) =>
        h('a', { href: `#${cookieAnchor(cookieRef)}`, className: 'to-cookie', onclick: (e: Event) => {
          e.preventDefault();
          if (!reveal(cookieRef)) opts.onShowCookie?.(cookieRef);
        } }, t('show_cookie', cookieRef.split('@')[0] ?? cookieRef)))),
  );
  return h('section', { 'data-group': 'findings', 'aria-labelledby': 'h-findings' },
    h('h2', { id: 'h-findings' }, `${t('findings')} (${total})`),
    consentBlock(r, opts, t),
    items.length > 0 ? h('ul', { className: 'findings' }, items) : h('p', { className: 'empty' }, t('nothing_to_report')),
    moreButtons('findings', more, total, opts));
}

/** The visitor's choice, what the site's record says, and the two buttons a person marks a choice with. */
function consentBlock(r: Report, opts: ViewOptions, t: Translate): HTMLElement {
  const lines = consentLines(r.consent, t);
  const mark = (choice: 'accepted' | 'refused', id: string, label: MessageKey): HTMLElement | null =>
    opts.onMarkConsent && r.consent.choice !== choice ? h('button', { type: 'button', id, onclick: () => opts.onMarkConsent?.(choice) }, t(label)) : null;
  return h('div', { className: 'consent', 'data-choice': r.consent.choice },
    h('p', {}, `${t('label', t('consent'))} ${lines.choice} `, mark('accepted', 'mark-consent', 'i_accepted_now'), ' ', mark('refused', 'mark-refusal', 'i_refused_now')),
    ...lines.more.map((l) => h('p', { className: 'consent-more' }, l)));
}

const EXPORTS: Array<[ExportFormat, MessageKey]> = [['json', 'export_json'], ['csv', 'export_csv'], ['html', 'export_html'], ['md', 'export_md']];

function exportBar(onExport: (format: ExportFormat) => void, valuesShown: boolean, t: Translate): HTMLElement {
  return h('div', { className: 'export', role: 'group', 'aria-labelledby': 'export-label' },
    h('span', { id: 'export-label' }, t('export')),
    EXPORTS.map(([format, label]) => h('button', { type: 'button', 'data-export': format, onclick: () => onExport(format) }, t(label))),
    h('span', { className: 'hint' }, valuesShown ? t('with_values') : t('values_redacted_short')));
}

function controls(r: Report, opts: ViewOptions): HTMLElement {
  const t = opts.t;
  const s = r.summary;
  const sort = opts.sort ?? 'group';
  return h(
    'div',
    { className: 'controls' },
    h('span', {}, t('cookies_parties', s.total, s.firstParty, s.thirdParty)),
    opts.onFilter
      ? h('label', { className: 'filter' }, t('filter_label'), ' ',
          h('input', { type: 'search', id: 'filter', value: opts.filter ?? '', autocomplete: 'off',
            oninput: (e: Event) => opts.onFilter?.((e.target as HTMLInputElement).value) }))
      : null,
    opts.onSort
      ? h('label', { className: 'sort' }, t('sort_label'), ' ',
          h('select', { id: 'sort', onchange: (e: Event) => opts.onSort?.((e.target as HTMLSelectElement).value as SortKey) },
            SORT_KEYS.map((k) => h('option', { value: k, selected: k === sort }, t(`sort_${k}`)))))
      : null,
    h('label', {},
      h('input', { type: 'checkbox', id: 'show-values', checked: opts.showValues,
        onchange: (e: Event) => opts.onToggleValues((e.target as HTMLInputElement).checked) }),
      ' ', t('show_values')),
  );
}

/** Whether the tab's Set-Cookie headers are seen or inferred, and the button that makes them seen. */
function evidenceLine(r: Report, opts: ViewOptions): HTMLElement | null {
  const mode = r.environment.evidence;
  if (!mode) return null;
  const t = opts.t;
  return h('p', { className: 'evidence', 'data-evidence': mode },
    mode === 'full' ? t('evidence_full') : t('evidence_passive'), ' ',
    mode === 'passive' && opts.onFullEvidence ? h('button', { type: 'button', id: 'full-evidence', onclick: () => opts.onFullEvidence?.() }, t('record_full_evidence')) : null);
}

/** "Still checking …": what the background has not yet decided (background/pending); the popup refreshes until it has. */
function pendingLine(p: PendingChecks | undefined, t: Translate): HTMLElement | null {
  if (!p || pendingCount(p) === 0) return null;
  const what = (['refusals', 'inferences', 'attributions', 'storage'] as const).filter((k) => p[k] > 0).map((k) => t(`pending_${k}`));
  return h('p', { className: 'pending', role: 'status' }, t('pending_checks', what.join(', ')));
}

export function renderReport(v: PopupView & { pending?: PendingChecks }, opts: ViewOptions): HTMLElement {
  const t = opts.t;
  const r = v.report;
  const s = r.summary;
  const item = (flat: boolean) => (c: ReportCookie): HTMLElement => cookieItem(c, opts, { startedAt: r.startedAt, reloadedAt: r.consent.reloadedAt ?? null }, flat);
  const sort = opts.sort ?? 'group';
  const none: GroupCount = { matching: 0, total: 0 };
  const groups =
    sort === 'group'
      ? [
          group('undeclared', t('group_undeclared'), r.cookies.filter((c) => c.status === 'undeclared'), item(false), v.counts.undeclared ?? none, t('empty_undeclared'), opts),
          group('declared', t('group_declared'), r.cookies.filter((c) => c.status === 'declared'), item(false), v.counts.declared ?? none, t('empty_declared'), opts),
        ]
      : [group('all', t(`sorted_by_${sort}`), r.cookies, item(true), v.counts.all ?? none, t('empty_all'), opts)];
  return h(
    'div',
    {},
    h(
      'header',
      {},
      h('h1', {}, t('popup_title'), ' ', h('span', { className: 'site' }, r.site)),
      h('p', { className: 'url' }, r.url),
      pendingLine(v.pending, t),
    ),
    h(
      'ul',
      { className: 'verdict', 'aria-label': t('verdict') },
      h('li', { className: s.undeclared > 0 ? 'undeclared' : 'declared', 'data-count': 'undeclared' },
        undeclaredWords(r, t)),
      h('li', { className: 'declared', 'data-count': 'declared' }, `✓ ${t('count_declared', s.declaredPresent)}`),
      h('li', { className: 'missing', 'data-count': 'missing' }, `? ${t('count_missing', s.missing)}`),
      storageUndeclaredWords(r, t) ? h('li', { className: 'undeclared', 'data-count': 'storage-undeclared' }, storageUndeclaredWords(r, t)) : null,
    ),
    r.environment.thirdPartyCookies === 'blocked' ? h('p', { className: 'notice', role: 'note' }, `⚠ ${t('tpc_blocked_notice')}`) : null,
    r.environment.storageError
      ? h('p', { className: 'notice error', role: 'alert', 'data-problem': 'storage' }, `⚠ ${t('storage_error', r.environment.storageError.message, r.environment.storageError.unsaved)}`)
      : null,
    evidenceLine(r, opts),
    opts.tools ?? null,
    controls(r, opts),
    opts.onExport ? exportBar(opts.onExport, r.valuesShown, t) : null,
    findingsSection(r, v.counts.findings?.total ?? r.findings.length, opts),
    groups,
    group('missing', t('group_missing'), r.missing, (d) => missingItem(d, t), v.counts.missing ?? none, t('empty_missing'), opts),
    storageSection(r, v.counts.storage ?? none, opts),
    r.refused.length > 0
      ? group('refused', t('group_refused'), r.refused, (x) => refusedItem(x, t), { matching: r.refused.length, total: r.refused.length }, t('empty_refused'), opts)
      : null,
    h('footer', {},
      `${t('footer_list', r.declaredList.name, r.declaredList.source)} ${t('footer_since', formatInstant(r.startedAt, t))} `,
      opts.onEditLists ? h('button', { type: 'button', id: 'edit-lists', onclick: opts.onEditLists }, t('edit_lists')) : null),
  );
}

export function renderMessage(text: string, isError = false): HTMLElement {
  return h('p', { className: isError ? 'error' : 'empty', role: isError ? 'alert' : undefined }, text);
}
