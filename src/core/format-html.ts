import { needsConsent } from './classify';
import { ref } from './findings';
import type { Report, ReportCookie } from './report';

// A self-contained HTML report that prints well: no script, no external resource, and a content
// security policy that forbids both, so a hostile cookie name could not run even if escaping failed.
// Every string from the audited site goes through esc().

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const CSS = `
body { font: 14px/1.45 system-ui, "DejaVu Sans", sans-serif; color: #1b1c1f; margin: 24px auto; max-width: 1100px; padding: 0 16px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 2px solid #dfe1e6; padding-bottom: 4px; }
.meta { color: #5d6069; margin: 0; } .mono, code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
.verdict { display: flex; gap: 8px; flex-wrap: wrap; padding: 0; list-style: none; }
.verdict li { border: 1px solid #dfe1e6; border-radius: 6px; padding: 4px 10px; font-weight: 600; }
.verdict .bad { color: #b3261e; border-color: #b3261e; } .verdict .ok { color: #1e6b35; border-color: #1e6b35; }
table { border-collapse: collapse; width: 100%; font-size: 12.5px; } th, td { border: 1px solid #dfe1e6; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f3f4f6; } td { overflow-wrap: anywhere; }
.sev-high { color: #b3261e; font-weight: 700; } .sev-medium { color: #8a5a00; font-weight: 700; } .sev-low { color: #5d6069; font-weight: 700; }
ol.timeline { margin: 0; padding-left: 18px; }
@media print { body { margin: 0; max-width: none; font-size: 11px; } h2 { break-after: avoid; } tr, li { break-inside: avoid; } a { color: inherit; text-decoration: none; } }
`;

function setBy(c: ReportCookie): string {
  const s = c.setBy;
  if (s.kind === 'header') return `Set-Cookie header of <span class="mono">${esc(s.url ?? '?')}</span> (${esc(s.type ?? 'request')})`;
  if (s.kind === 'script') return `script <span class="mono">${esc(s.url ?? '(unknown)')}</span>${s.frameUrl ? ` in <span class="mono">${esc(s.frameUrl)}</span>` : ''}`;
  return 'unknown';
}

function cookieTable(cookies: ReportCookie[], empty: string, anchor: (c: ReportCookie) => string): string {
  if (cookies.length === 0) return `<p><em>${esc(empty)}</em></p>`;
  const rows = cookies.map((c) => {
    const flags = [c.secure ? 'Secure' : 'not Secure', c.httpOnly ? 'HttpOnly' : 'readable by scripts', `SameSite=${c.sameSite ?? 'unspecified'}`];
    const kind = `${c.category}${c.vendor ? ` — ${c.vendor}` : ''}${c.beforeConsent && needsConsent(c.category) ? ' · set before consent' : ''}`;
    const timeline = c.events.map((e) => `<li><time datetime="${esc(e.at)}">${esc(e.at.slice(11, 23))}</time> ${esc(e.kind)}${e.setBy.url ? ` by <span class="mono">${esc(e.setBy.url)}</span>` : ''}</li>`).join('');
    return `<tr id="${anchor(c)}"><td class="mono">${esc(c.name)}</td><td class="mono">${esc(c.domain)}${esc(c.path)}</td><td>${c.party === 'third' ? 'third' : 'first'}</td>` +
      `<td>${esc(kind)}</td><td>${esc(flags.join(' · '))}</td><td>${esc(c.expires ?? 'session')}${c.present ? '' : ` (${esc(c.removedBy ?? 'removed')} during the visit)`}</td>` +
      `<td>${setBy(c)}${c.firstSeenOn ? `<br>first seen on <span class="mono">${esc(c.firstSeenOn)}</span>` : ''}</td><td><ol class="timeline">${timeline}</ol></td>` +
      `${c.value !== null ? `<td class="mono">${esc(c.value)}</td>` : ''}</tr>`;
  });
  const valueHead = cookies.some((c) => c.value !== null) ? '<th scope="col">Value</th>' : '';
  return `<table><thead><tr><th scope="col">Name</th><th scope="col">Domain and path</th><th scope="col">Party</th><th scope="col">Kind</th>` +
    `<th scope="col">Flags</th><th scope="col">Expires</th><th scope="col">Set by</th><th scope="col">Timeline (UTC)</th>${valueHead}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function formatHtml(r: Report): string {
  const s = r.summary;
  const ids = new Map(r.cookies.map((c, i) => [ref(c), `c${i}`]));
  const anchor = (c: ReportCookie): string => ids.get(ref(c)) ?? '';
  const findings = r.findings.length === 0 ? '<p><em>Nothing to report.</em></p>' : `<table><thead><tr><th scope="col">Severity</th><th scope="col">Finding</th><th scope="col">Rule</th><th scope="col">Cookies</th></tr></thead><tbody>${r.findings
    .map((f) => `<tr><td class="sev-${f.severity}">${f.severity}</td><td>${esc(f.explanation)}</td><td><code>${esc(f.rule)}</code></td><td>${f.cookies.map((c) => `<a href="#${ids.get(c) ?? ''}" class="mono">${esc(c)}</a>`).join('<br>')}</td></tr>`)
    .join('')}</tbody></table>`;
  const declared = r.declaredList.cookies.map((d) => `<tr><td class="mono">${esc(d.name)}</td><td>${esc(d.provider)}</td><td>${esc(d.function)}</td><td>${esc(d.purpose)}</td><td>${esc(d.duration ?? '')}</td></tr>`).join('');
  const phases = (r.phases ?? []).map((p) => `<li>${p.name === 'before-consent' ? 'Before consent' : `After ${esc(p.action ?? 'consent')}`}: ${p.cookies.length} cookies first seen${p.cookies.length ? `: <span class="mono">${p.cookies.map(esc).join(', ')}</span>` : ''}</li>`).join('');
  const pages = (r.pages ?? []).map((p) => `<li><span class="mono">${esc(p.url)}</span>: ${p.status === 'audited' ? `${p.cookies ?? 0} new cookies` : `${p.status} (${esc(p.error ?? 'unknown error')})`}</li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cookie audit of ${esc(r.site)}</title><style>${CSS}</style></head>
<body>
<header><h1>Cookie audit of <span class="mono">${esc(r.site)}</span></h1>
<p class="meta">Page <span class="mono">${esc(r.url)}</span></p>
<p class="meta">Audit from ${esc(r.startedAt)} to ${esc(r.generatedAt)} · ${esc(r.environment.browser)} · cookie-auditor ${esc(r.environment.extensionVersion)} · third-party cookies ${esc(r.environment.thirdPartyCookies)}</p></header>
<section id="summary" aria-labelledby="h-summary"><h2 id="h-summary">Summary</h2>
<ul class="verdict"><li class="${s.undeclared > 0 ? 'bad' : 'ok'}">${s.undeclared > 0 ? `✗ ${s.undeclared} undeclared` : '✓ nothing undeclared'}</li><li class="ok">${s.declaredPresent} declared and present</li><li>${s.missing} declared but not seen</li></ul>
<p>${s.total} cookies: ${s.firstParty} first-party, ${s.thirdParty} third-party; ${s.removed} removed during the visit. Findings: ${s.findings.high} high, ${s.findings.medium} medium, ${s.findings.low} low.</p>
<p>Consent: ${r.consent ? `${esc(r.consent.at)} — ${esc(r.consent.source)}` : 'not given during the audit'}.</p>${phases ? `<ul>${phases}</ul>` : ''}${pages ? `<p>Pages visited:</p><ol>${pages}</ol>` : ''}</section>
<section id="findings" aria-labelledby="h-findings"><h2 id="h-findings">Findings (${r.findings.length})</h2>${findings}</section>
<section id="undeclared" aria-labelledby="h-undeclared"><h2 id="h-undeclared">Undeclared (${s.undeclared})</h2>${cookieTable(r.cookies.filter((c) => c.status === 'undeclared'), 'No undeclared cookie.', anchor)}</section>
<section id="declared" aria-labelledby="h-declared"><h2 id="h-declared">Declared and present (${s.declaredPresent})</h2>${cookieTable(r.cookies.filter((c) => c.status === 'declared'), 'No declared cookie was set.', anchor)}</section>
<section id="missing" aria-labelledby="h-missing"><h2 id="h-missing">Declared but not seen (${s.missing})</h2>${r.missing.length ? `<ul>${r.missing.map((m) => `<li><span class="mono">${esc(m.name)}</span> — ${esc(m.provider)}: ${esc(m.purpose)}</li>`).join('')}</ul>` : '<p><em>Every declared cookie was seen.</em></p>'}</section>
<section id="declared-list" aria-labelledby="h-list"><h2 id="h-list">Declared list</h2><p>${esc(r.declaredList.name)} — source: <span class="mono">${esc(r.declaredList.source)}</span></p>
<table><thead><tr><th scope="col">Name</th><th scope="col">Provider</th><th scope="col">Function</th><th scope="col">Purpose</th><th scope="col">Duration</th></tr></thead><tbody>${declared}</tbody></table></section>
<footer><p class="meta">${r.valuesShown ? "Cookie values are included at the auditor's request." : 'Cookie values are redacted.'} Report schema ${esc(r.schema)}.</p></footer>
</body></html>
`;
}
