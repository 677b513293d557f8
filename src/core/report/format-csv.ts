import { csvRow } from '../text/csv';
import type { Report } from './report';
import { storageRef } from '../judgement/findings-storage';

// One row per cookie and per storage item, the columns an auditor sorts by. Every cell goes through csvRow: quoted as
// RFC 4180 requires and neutralised when a spreadsheet would take it for a formula.

const COLUMNS = [
  'name', 'domain', 'path', 'status', 'party', 'category', 'vendor', 'findings', 'before_consent',
  'first_seen', 'first_seen_on', 'set_by', 'set_by_url', 'request_type', 'frame_url', 'secure', 'http_only', 'same_site',
  'expires', 'requested_lifetime_s', 'applied_lifetime_s', 'present', 'removed_by', 'partition_site', 'changes',
  // Added after the first release: near the end, so that sheets keep their columns, the value last.
  'match', 'declared_as', 'match_rule', 'after_refusal', 'choice', 'run',
  // Browser storage (localStorage, sessionStorage, IndexedDB) shares the rows: `type` tells them apart.
  'type', 'size',
  // Passive mode: how many responses could have set the cookie when its header attribution is inferred.
  'set_by_inferred_of',
  // Set while no worker of the extension listened: when its site was last seen without it.
  'set_by_missed_since',
  // When a consent manager's own declaration was read alongside the policy page's: what it says.
  'consent_manager', 'consent_manager_as',
  // A consent manager's record of the choice: how the audit knows (decoder, known, banner-answer, states-choice).
  'consent_record',
  // How the category and vendor were found (exact, family, database, setter), the entry or setter's host, the source.
  'known_how', 'known_rule', 'known_source', 'value',
] as const;
type Column = (typeof COLUMNS)[number];

/** With `--choices`, the rows of every run, each naming its choice; else the audit's own rows. */
export function formatCsv(r: Report): string {
  const runs = r.choices ? r.choices.runs.flatMap((run) => (run.report ? [{ report: run.report, run: run.choice as string }] : [])) : [{ report: r, run: '' }];
  const lines = runs.flatMap((x) => csvRows(x.report, x.run));
  // A byte-order mark, so that spreadsheets open the UTF-8 (accents, emoji in names) correctly.
  return '\ufeff' + [csvRow([...COLUMNS]), ...lines].join('\r\n') + '\r\n';
}

/** `run`: the run of `--choices` (none, reject, accept); `choice` is what the visitor's choice was at its end. */
function csvRows(r: Report, run: string): string[] {
  const rulesOf = new Map<string, string[]>();
  for (const f of r.findings) for (const c of f.cookies) rulesOf.set(c, [...(rulesOf.get(c) ?? []), `${f.rule}(${f.severity})`]);
  const yes = (b: boolean): string => (b ? 'yes' : 'no');
  const rows = r.cookies.map((c) =>
    csvRow([
      c.name, c.domain, c.path, c.status, c.party, c.category, c.vendor ?? '',
      (rulesOf.get(`${c.name}@${c.domain}${c.path}`) ?? []).join('; '), yes(c.beforeConsent),
      c.firstSeen, c.firstSeenOn ?? r.url, c.setBy.kind, c.setBy.url ?? '', c.setBy.type ?? '', c.setBy.frameUrl ?? '',
      yes(c.secure), yes(c.httpOnly), c.sameSite ?? '', c.expires ?? 'session',
      c.requestedLifetime === null ? '' : String(c.requestedLifetime), c.appliedLifetime === null ? '' : String(c.appliedLifetime),
      yes(c.present), c.removedBy ?? '', c.partitionSite ?? '', String(c.eventCount),
      c.match?.kind ?? '', c.match?.declaredAs ?? '', c.match?.rule ?? '', c.afterRefusal ? c.afterRefusal.at : '', r.consent.choice, run, 'cookie', '', c.setBy.inferred ? String(c.setBy.inferred.of) : '', c.setBy.missedSince ?? '',
      c.consentManager?.status ?? '', c.consentManager?.declaredAs ?? '', c.consentRecord ? `${c.consentRecord.by}${c.consentRecord.cmp ? ` (${c.consentRecord.cmp})` : ''}` : '',
      c.classification?.how ?? '', c.classification?.rule ?? '', c.classification?.source ?? '', c.value ?? (c.valueRedacted ? '(redacted)' : ''),
    ]),
  );
  // A storage item: its key in `name`, its origin in `domain`, its partition site where a cookie's is.
  const storage = (r.storage?.items ?? []).map((i) => {
    const cells: Partial<Record<Column, string>> = {
      name: i.key, domain: i.origin, status: i.status, party: i.party, category: i.category, vendor: i.vendor ?? '',
      findings: (rulesOf.get(storageRef(i)) ?? []).join('; '), before_consent: yes(i.beforeConsent), first_seen: i.firstSeen, first_seen_on: r.url,
      set_by: i.preexisting && i.setBy.kind === 'unknown' ? 'preexisting' : i.setBy.kind, set_by_url: i.setBy.url ?? '', frame_url: i.setBy.frameUrl ?? '', present: yes(i.present),
      partition_site: i.partitionSite ?? '', changes: String(i.eventCount), match: i.match?.kind ?? '', declared_as: i.match?.declaredAs ?? '',
      after_refusal: i.afterRefusal ? i.afterRefusal.at : '', choice: r.consent.choice, run, type: i.area, size: i.size === null ? '' : String(i.size),
      known_how: i.classification?.how ?? '', known_rule: i.classification?.rule ?? '', known_source: i.classification?.source ?? '',
      value: i.value ?? (i.valueRedacted ? '(redacted)' : ''),
    };
    return csvRow(COLUMNS.map((k) => cells[k] ?? ''));
  });
  // Refused writes are rows too, with the status "refused" and their reason in the findings column.
  const refused = r.refused.map((x) => {
    const cells: Partial<Record<Column, string>> = {
      name: x.name, domain: x.domain, path: x.path ?? '', status: 'refused', findings: `${x.reason}: ${x.explanation}`, first_seen: x.at,
      set_by: x.setBy.kind, set_by_url: x.setBy.url ?? '', request_type: x.setBy.type ?? '', frame_url: x.setBy.frameUrl ?? '', present: 'no', choice: r.consent.choice, run,
    };
    return csvRow(COLUMNS.map((k) => cells[k] ?? ''));
  });
  return [...rows, ...storage, ...refused];
}
