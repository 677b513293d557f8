import { csvRow } from '../text/csv';
import { EN, type Translate } from '../text/i18n';
import { worstFirst, type FleetSite, type FleetSummary } from './fleet';
import { esc } from './format-html';

// The fleet summary as a spreadsheet (formula-safe like every export) and as one self-contained
// HTML page, worst first, each site linking to its own HTML report.

const COLUMNS = [
  'url', 'verdict', 'error', 'undeclared', 'storage_undeclared', 'storage_items', 'high', 'medium', 'low', 'declared_list', 'declared_list_source',
  'consent_choice', 'consent_action', 'not_stopped_by_refusal', 'pages_audited', 'pages_failed', 'report',
] as const;

export function formatFleetCsv(s: FleetSummary): string {
  const rows = s.sites.map((x) =>
    csvRow([
      x.url, x.verdict, x.error ?? '', String(x.undeclared), x.storage ? String(x.storage.undeclared) : '', x.storage ? String(x.storage.total) : '', String(x.findings.high), String(x.findings.medium), String(x.findings.low),
      x.declaredList?.name ?? '', x.declaredList?.source ?? '', x.consent?.choice ?? '', x.consent?.action ?? '',
      x.consent?.notStoppedByRefusal === undefined ? '' : String(x.consent.notStoppedByRefusal), String(x.pages.audited), String(x.pages.failed), x.report ?? '',
    ]),
  );
  return '\ufeff' + [csvRow([...COLUMNS]), ...rows].join('\r\n') + '\r\n';
}

const CSS = `
body { font: 14px/1.45 system-ui, "DejaVu Sans", sans-serif; color: #1b1c1f; margin: 24px auto; max-width: 1200px; padding: 0 16px; }
h1 { font-size: 22px; margin: 0 0 8px; } .mono { font-family: ui-monospace, "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; font-size: 12.5px; } th, td { border: 1px solid #dfe1e6; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f3f4f6; } .error { color: #8a5a00; font-weight: 700; } .fail { color: #b3261e; font-weight: 700; } .pass { color: #1e6b35; font-weight: 700; }
`;

function row(x: FleetSite, t: Translate): string {
  const link = x.report ? `<a href="${esc(x.report.replace(/\.json$/, '.html'))}">${esc(x.url)}</a>` : esc(x.url);
  const verdict = t(`fleet_verdict_${x.verdict}`);
  return `<tr><td class="mono">${link}</td><td class="${x.verdict}">${esc(verdict)}${x.error ? `: ${esc(x.error)}` : ''}</td><td>${x.undeclared}</td><td>${x.storage ? `${x.storage.undeclared} / ${x.storage.total}` : ''}</td><td>${x.findings.high}</td><td>${x.findings.medium}</td><td>${x.findings.low}</td>` +
    `<td>${esc(x.declaredList?.name ?? '')}</td><td>${esc(x.consent ? `${x.consent.choice}${x.consent.action ? ` (${x.consent.action})` : ''}` : '')}</td><td>${x.pages.audited}${x.pages.failed ? ` + ${x.pages.failed} ✗` : ''}</td></tr>`;
}

export function formatFleetHtml(s: FleetSummary, t: Translate = EN): string {
  const th = (k: Parameters<Translate>[0]): string => `<th scope="col">${esc(t(k))}</th>`;
  const head = `<tr>${th('fleet_col_site')}${th('fleet_col_verdict')}${th('fleet_col_undeclared')}${th('fleet_col_storage')}${th('sev_high')}${th('sev_medium')}${th('sev_low')}${th('declared_list')}${th('consent')}${th('pages_head')}</tr>`;
  const totals = `${t('fleet_totals', s.totals.sites, s.totals.fail, s.totals.error, s.totals.pass, s.totals.undeclared, s.totals.high)} ${t('fleet_storage_totals', s.totals.storageUndeclared ?? 0)}`;
  return `<!doctype html>
<html lang="${esc(t('locale'))}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t('fleet_title'))}</title><style>${CSS}</style></head>
<body><h1>${esc(t('fleet_title'))}</h1><p>${esc(totals)}${s.pending ? ` ${esc(t('fleet_pending', s.pending))}` : ''}${s.shard ? ` ${esc(t('fleet_shard', s.shard.index, s.shard.count))}` : ''}</p>
<table><thead>${head}</thead><tbody>${worstFirst(s.sites).map((x) => row(x, t)).join('')}</tbody></table></body></html>
`;
}
