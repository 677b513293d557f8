import { needsConsent } from '../core/classify';
import type { DeclaredCookie } from '../core/declared';
import type { ExportFormat } from '../core/export';
import { ref } from '../core/findings';
import type { Report, ReportCookie } from '../core/report';
import { h, type Child } from '../ui/dom';

// Renders a report. Pure view: no browser API, no state but what it is given.

export interface ViewOptions {
  showValues: boolean;
  onToggleValues: (show: boolean) => void;
  onEditLists?: () => void;
  onMarkConsent?: () => void;
  /** Saves the audit as a file in this format. */
  onExport?: (format: ExportFormat) => void;
  /** Shown under the verdict: the declared-list actions and their last message. */
  tools?: HTMLElement[];
  now: number;
}

const DAY = 86_400_000;

export function describeExpiry(expires: string | null, now: number): string {
  if (expires === null) return 'session (deleted when the browser closes)';
  const t = Date.parse(expires);
  const days = Math.round((t - now) / DAY);
  const when = expires.slice(0, 16).replace('T', ' ') + ' UTC';
  if (days > 1) return `${when} (in ${days} days)`;
  if (days >= 0) return `${when} (within a day)`;
  return `${when} (past)`;
}

// webRequest's resource types, in an auditor's words.
const REQUEST_TYPES: Record<string, string> = {
  main_frame: 'the page itself', sub_frame: 'an iframe', script: 'a script', image: 'an image', stylesheet: 'a stylesheet',
  xmlhttprequest: 'an XHR/fetch call', font: 'a font', media: 'a media file', ping: 'a ping', beacon: 'a beacon',
};

function setByText(c: ReportCookie): string {
  const s = c.setBy;
  if (s.kind === 'header') return `Set-Cookie header of ${s.url ?? 'a request'} (${REQUEST_TYPES[s.type ?? ''] ?? s.type ?? 'a request'})`;
  if (s.kind === 'script') return `script ${s.url ?? '(unknown script)'}${s.frameUrl ? ` in ${s.frameUrl}` : ''}`;
  return 'unknown: no request or script write matched this change';
}

const EVENT_WORDS: Record<ReportCookie['events'][number]['kind'], string> = {
  set: 'set', overwrite: 'overwritten', delete: 'deleted', expire: 'expired', evict: 'evicted by the browser',
};

/** Seconds since the audit started, so an auditor can line events up with what they did. */
function sinceStart(at: string, startedAt: string): string {
  const s = (Date.parse(at) - Date.parse(startedAt)) / 1000;
  return `+${s.toFixed(s < 10 ? 2 : 1)} s`;
}

function timeline(c: ReportCookie, startedAt: string): HTMLElement {
  return h('details', { className: 'timeline' },
    h('summary', {}, `Timeline (${c.events.length} ${c.events.length === 1 ? 'change' : 'changes'})`),
    h('ol', {}, c.events.map((e) =>
      h('li', { 'data-kind': e.kind },
        h('time', { datetime: e.at, title: e.at }, `${e.at.slice(11, 23)} UTC`),
        h('span', { className: 'since' }, ` (${sinceStart(e.at, startedAt)}) `),
        h('strong', {}, EVENT_WORDS[e.kind]),
        e.setBy.kind === 'unknown' ? '' : [` by ${e.setBy.kind === 'header' ? 'a Set-Cookie header of' : 'script'} `, h('span', { className: 'mono' }, e.setBy.url ?? '(unknown)')]))));
}

/** The element id of a cookie's row, from its finding reference (name@domain/path). */
export function cookieAnchor(cookieRef: string): string {
  let hash = 0;
  for (let i = 0; i < cookieRef.length; i++) hash = (Math.imul(hash, 31) + cookieRef.charCodeAt(i)) | 0;
  return `cookie-${(hash >>> 0).toString(36)}`;
}

function cookieItem(c: ReportCookie, now: number, startedAt: string): HTMLElement {
  const flags = [c.secure ? 'Secure' : 'not Secure', c.httpOnly ? 'HttpOnly' : 'readable by scripts', `SameSite=${c.sameSite ?? 'unspecified'}`];
  const rows: Array<[string, Child, boolean?]> = [
    ['Domain', c.domain + (c.hostOnly ? ' (host only)' : ''), true],
    ['Path', c.path, true],
    ['Flags', flags.join(' · ')],
    ['Expires', describeExpiry(c.expires, now)],
    ['Set by', setByText(c)],
  ];
  if (c.partitionSite) rows.push(['Partition', c.partitionSite, true]);
  if (c.vendor || c.category !== 'unknown') rows.push(['Kind', `${c.category}${c.vendor ? ` — ${c.vendor}` : ''}${c.beforeConsent && needsConsent(c.category) ? ' · set before consent' : ''}`]);
  if (c.declared) rows.push(['Declared', `${c.declared.provider} — ${c.declared.function}: ${c.declared.purpose}`]);
  if (c.value !== null) rows.push(['Value', c.value, true]);
  return h(
    'li',
    { className: 'cookie', id: cookieAnchor(ref(c)), 'data-cookie-name': c.name, 'data-party': c.party },
    h(
      'div',
      { className: 'head' },
      h('span', { className: 'name' }, c.name),
      h('span', { className: c.party === 'third' ? 'tag third' : 'tag' }, c.party === 'third' ? 'third-party' : 'first-party'),
      c.present ? null : h('span', { className: 'tag gone' }, c.removedBy === 'evict' ? 'evicted by the browser' : c.removedBy === 'expire' ? 'expired' : 'deleted during the visit'),
    ),
    h('dl', {}, rows.map(([k, v, mono]) => [h('dt', {}, k), h('dd', { className: mono ? 'mono' : undefined }, v)])),
    timeline(c, startedAt),
  );
}

/** Shows a finding's cookie: its row scrolled into view, its timeline open, focus on it. */
function reveal(cookieRef: string): void {
  const row = document.getElementById(cookieAnchor(cookieRef));
  const details = row?.querySelector('details');
  if (!row || !details) return;
  details.open = true;
  row.scrollIntoView({ block: 'nearest' });
  details.querySelector('summary')?.focus();
}

function missingItem(d: DeclaredCookie): HTMLElement {
  return h(
    'li',
    { className: 'cookie', 'data-cookie-name': d.name },
    h('div', { className: 'head' }, h('span', { className: 'name' }, d.name)),
    h('dl', {}, h('dt', {}, 'Declared'), h('dd', {}, `${d.provider} — ${d.function}: ${d.purpose}`)),
  );
}

function findingsSection(r: Report, opts: ViewOptions): HTMLElement {
  const items = r.findings.map((f) =>
    h('li', { className: `finding ${f.severity}`, 'data-rule': f.rule },
      h('span', { className: 'sev' }, f.severity === 'high' ? '▲ high' : f.severity === 'medium' ? '● medium' : '○ low'),
      ' ', f.explanation, ' ',
      f.cookies.map((cookieRef) =>
        h('a', { href: `#${cookieAnchor(cookieRef)}`, className: 'to-cookie', onclick: (e: Event) => {
          e.preventDefault();
          reveal(cookieRef);
        } }, `Show ${cookieRef.split('@')[0] ?? cookieRef}`))),
  );
  return h('section', { 'data-group': 'findings', 'aria-labelledby': 'h-findings' },
    h('h2', { id: 'h-findings' }, `Findings (${r.findings.length})`),
    h('p', { className: 'consent' },
      r.consent ? `Consent given ${r.consent.at.slice(11, 19)} UTC (${r.consent.source}). ` : 'No consent was given during this audit. ',
      opts.onMarkConsent && !r.consent ? h('button', { type: 'button', id: 'mark-consent', onclick: opts.onMarkConsent }, 'I accepted now') : null),
    items.length > 0 ? h('ul', { className: 'findings' }, items) : h('p', { className: 'empty' }, 'Nothing to report.'));
}

const EXPORTS: Array<[ExportFormat, string]> = [['json', 'JSON'], ['csv', 'CSV'], ['html', 'HTML report'], ['md', 'Markdown']];

function exportBar(onExport: (format: ExportFormat) => void, valuesShown: boolean): HTMLElement {
  return h('div', { className: 'export', role: 'group', 'aria-label': 'Export this audit' },
    h('span', {}, 'Export:'),
    EXPORTS.map(([format, label]) => h('button', { type: 'button', 'data-export': format, onclick: () => onExport(format) }, label)),
    h('span', { className: 'hint' }, valuesShown ? 'with values' : 'values redacted'));
}

function group(id: string, title: string, items: HTMLElement[], empty: string): HTMLElement {
  const headingId = `h-${id}`;
  return h(
    'section',
    { 'data-group': id, 'aria-labelledby': headingId },
    h('h2', { id: headingId }, `${title} (${items.length})`),
    items.length > 0 ? h('ul', { className: 'cookies' }, items) : h('p', { className: 'empty' }, empty),
  );
}

export function renderReport(r: Report, opts: ViewOptions): HTMLElement {
  const s = r.summary;
  const undeclared = r.cookies.filter((c) => c.status === 'undeclared');
  const declared = r.cookies.filter((c) => c.status === 'declared');
  return h(
    'div',
    {},
    h(
      'header',
      {},
      h('h1', {}, 'Cookies of ', h('span', { className: 'site' }, r.site)),
      h('p', { className: 'url' }, r.url),
    ),
    h(
      'ul',
      { className: 'verdict', 'aria-label': 'Verdict' },
      h('li', { className: s.undeclared > 0 ? 'undeclared' : 'declared', 'data-count': 'undeclared' },
        s.undeclared > 0 ? `✗ ${s.undeclared} undeclared` : '✓ nothing undeclared'),
      h('li', { className: 'declared', 'data-count': 'declared' }, `${s.declaredPresent} declared and present`),
      h('li', { className: 'missing', 'data-count': 'missing' }, `${s.missing} declared but not seen`),
    ),
    r.environment.thirdPartyCookies === 'blocked'
      ? h('p', { className: 'notice', role: 'note' },
          '⚠ This browser blocks third-party cookies, so this page may set more of them elsewhere. ',
          'Allow them in the browser settings (or use the command line, which does) for a complete audit.')
      : null,
    opts.tools ?? null,
    h(
      'div',
      { className: 'controls' },
      h('span', {}, `${s.total} cookies: ${s.firstParty} first-party, ${s.thirdParty} third-party`),
      h('label', {},
        h('input', { type: 'checkbox', id: 'show-values', checked: opts.showValues,
          onchange: (e: Event) => opts.onToggleValues((e.target as HTMLInputElement).checked) }),
        ' Show values'),
    ),
    opts.onExport ? exportBar(opts.onExport, r.valuesShown) : null,
    findingsSection(r, opts),
    group('undeclared', 'Undeclared', undeclared.map((c) => cookieItem(c, opts.now, r.startedAt)), 'No undeclared cookie.'),
    group('declared', 'Declared and present', declared.map((c) => cookieItem(c, opts.now, r.startedAt)), 'No declared cookie was set.'),
    group('missing', 'Declared but not seen', r.missing.map(missingItem), 'Every declared cookie was seen.'),
    h('footer', {},
      `Declared list: ${r.declaredList.name} (${r.declaredList.source}). Audit since ${r.startedAt.slice(0, 19).replace('T', ' ')} UTC. `,
      opts.onEditLists ? h('button', { type: 'button', id: 'edit-lists', onclick: opts.onEditLists }, 'Edit declared lists') : null),
  );
}

export function renderMessage(text: string, isError = false): HTMLElement {
  return h('p', { className: isError ? 'error' : 'empty', role: isError ? 'alert' : undefined }, text);
}
