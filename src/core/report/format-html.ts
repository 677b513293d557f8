import { MAX_EVENTS_PER_TAB } from '../evidence/summary';
import { ref } from '../judgement/findings';
import { EN, formatInstant, formatTimeMs, plural, type MessageKey, type Translate } from '../text/i18n';
import { kindWords, matchWords, removedWords, setByWords, storageUndeclaredWords, undeclaredWords } from './format-text';
import { consentLines } from './consent';
import { choicesLines } from './choices';
import { phaseTitle } from './phases';
import type { Report, ReportCookie } from './report';
import { sizeWords, storageFlags, storageMatchWords, storageSetByWords, storageTimeline, storageValueWords } from './format-storage';
import { storageKind, storageRef } from '../judgement/findings-storage';
import { consentManagerListWords, foundByWords, sideBySide } from './sides';
import { knownWords, sourceUrl, type ReportClassification } from './classification';

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

/** How it is known, what for, and a link to its source. */
function knownHtml(k: ReportClassification | null, t: Translate): string {
  if (!k) return '';
  const url = sourceUrl(k.source);
  const link = url ? ` · <a href="${esc(url)}" title="${esc(k.source)}">${esc(t('known_source', new URL(url).hostname))}</a>` : ` · ${esc(t('known_source', k.source))}`;
  return `<br><span class="known">${esc(t('label', t('txt_known')))} ${esc(knownWords(k, t))}${k.purpose ? ` — ${esc(k.purpose)}` : ''}${link}</span>`;
}

function setBy(c: ReportCookie, t: Translate): string {
  return esc(setByWords(c.setBy, t, c.httpOnly));
}

function cookieTable(cookies: ReportCookie[], empty: string, anchor: (c: ReportCookie) => string, t: Translate): string {
  if (cookies.length === 0) return `<p><em>${esc(empty)}</em></p>`;
  const rows = cookies.map((c) => {
    const flags = [c.secure ? 'Secure' : t('flag_not_secure'), c.httpOnly ? 'HttpOnly' : t('flag_readable'), `SameSite=${c.sameSite ?? t('samesite_unspecified')}`];
    const summarised = c.summarisedEvents ? `<li>${esc(plural(t, 'timeline_summarised', c.summarisedEvents, MAX_EVENTS_PER_TAB.toLocaleString(t('locale'))))}</li>` : '';
    const timeline = summarised + c.events.map((e) => `<li><time datetime="${esc(e.at)}">${esc(formatTimeMs(e.at, t))}</time> ${esc(t(`ev_${e.kind}`))}${e.setBy.url ? ` — <span class="mono">${esc(e.setBy.url)}</span>` : ''}</li>`).join('');
    const match = c.match ? `<br><span class="match">${esc(t('label', t('txt_matched')))} ${esc(matchWords(c.match, t))}</span>` : '';
    return `<tr id="${anchor(c)}"><td class="mono">${esc(c.name)}</td><td class="mono">${esc(c.domain)}${esc(c.path)}</td><td>${esc(c.party === 'third' ? t('party_third') : t('party_first'))}</td>` +
      `<td>${esc(kindWords(c, t))}${knownHtml(c.classification, t)}${match}</td><td>${esc(flags.join(' · '))}</td><td>${c.expires ? esc(formatInstant(c.expires, t)) : esc(t('session'))}${c.present ? '' : ` (${esc(removedWords(c, t))})`}</td>` +
      `<td>${setBy(c, t)}${c.firstSeenOn ? `<br>${esc(t('txt_first_seen_on'))} <span class="mono">${esc(c.firstSeenOn)}</span>` : ''}</td><td><ol class="timeline">${timeline}</ol></td>` +
      `${c.value !== null ? `<td class="mono">${esc(c.value)}</td>` : ''}</tr>`;
  });
  const th = (k: MessageKey): string => `<th scope="col">${esc(t(k))}</th>`;
  const valueHead = cookies.some((c) => c.value !== null) ? th('col_value') : '';
  return `<table><thead><tr>${th('col_name')}${th('col_domain_path')}${th('col_party')}${th('col_kind')}${th('col_flags')}${th('col_expires')}${th('col_set_by')}${th('col_timeline')}${valueHead}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function formatHtml(r: Report, t: Translate = EN): string {
  const s = r.summary;
  const ids = new Map([...r.cookies.map((c, i): [string, string] => [ref(c), `c${i}`]), ...r.storage.items.map((x, i): [string, string] => [storageRef(x), `s${i}`])]);
  const anchor = (c: ReportCookie): string => ids.get(ref(c)) ?? '';
  const th = (k: MessageKey): string => `<th scope="col">${esc(t(k))}</th>`;
  const findings = r.findings.length === 0 ? `<p><em>${esc(t('nothing_to_report'))}</em></p>` : `<table><thead><tr>${th('col_severity')}${th('col_finding')}${th('col_rule')}${th('col_cookies')}</tr></thead><tbody>${r.findings
    .map((f) => `<tr><td class="sev-${f.severity}">${esc(t(`sev_${f.severity}`))}</td><td>${esc(f.explanation)}</td><td><code>${esc(f.rule)}</code></td><td>${f.cookies.map((c) => `<a href="#${ids.get(c) ?? ''}" class="mono">${esc(c)}</a>`).join('<br>')}</td></tr>`)
    .join('')}</tbody></table>`;
  const declared = r.declaredList.cookies.map((d) => `<tr><td class="mono">${esc(d.name)}</td><td>${esc(d.provider)}</td><td>${esc(d.function)}</td><td>${esc(d.purpose)}</td><td>${esc(d.duration ?? '')}</td></tr>`).join('');
  const consent = consentLines(r.consent, t);
  const sides = sideBySide(r, t);
  const phases = (r.phases ?? [])
    .map((p) => `<li>${esc(t('label', phaseTitle(p, t)))} ${esc(plural(t, 'phase_cookies', p.cookies.length))}${p.cookies.length ? ` — <span class="mono">${p.cookies.map(esc).join(', ')}</span>` : ''}${p.writtenAgain?.length ? `; ${esc(t('label', t('phase_written_again')))} <span class="mono">${p.writtenAgain.map(esc).join(', ')}</span>` : ''}</li>`)
    .join('');
  const pages = (r.pages ?? []).map((p) => `<li><span class="mono">${esc(p.url)}</span> — ${esc(p.status === 'audited' ? plural(t, 'page_new_cookies', p.cookies ?? 0) : `${t(`page_${p.status}`)} (${p.error ?? ''})`)}</li>`).join('');
  const section = (id: string, title: string, body: string): string => `<section id="${id}" aria-labelledby="h-${id}"><h2 id="h-${id}">${esc(title)}</h2>${body}</section>`;
  return `<!doctype html>
<html lang="${esc(t('locale'))}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t('html_title', r.site))}</title><style>${CSS}</style></head>
<body>
<header><h1>${esc(t('html_title', r.site))}</h1>
<p class="meta">${esc(t('html_page'))} <span class="mono">${esc(r.url)}</span></p>
<p class="meta">${esc(t('html_meta', formatInstant(r.startedAt, t), formatInstant(r.generatedAt, t), r.environment.browser, r.environment.extensionVersion, t(`tpc_${r.environment.thirdPartyCookies}`)))}</p></header>
<main>
${section('summary', t('summary'), `<ul class="verdict"><li class="${s.undeclared > 0 ? 'bad' : 'ok'}">${esc(undeclaredWords(r, t))}</li><li class="ok">${esc(t('count_declared', s.declaredPresent))}</li><li>${esc(t('count_missing', s.missing))}</li>${storageUndeclaredWords(r, t) ? `<li class="bad">${esc(storageUndeclaredWords(r, t) as string)}</li>` : ''}</ul>
<p>${esc(t('cookies_parties', s.total, s.firstParty, s.thirdParty))}; ${esc(t('removed_count', s.removed))}. ${esc(t('findings_counts', s.findings.high, s.findings.medium, s.findings.low))}</p>
<p>${esc(t('label', t('consent')))} ${esc(consent.choice)}.</p>${consent.more.length ? `<ul>${consent.more.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>` : ''}${phases ? `<ul>${phases}</ul>` : ''}${pages ? `<p>${esc(t('pages_head'))}</p><ol>${pages}</ol>` : ''}`)}
${r.choices ? section('choices', t('choices_title'), choicesHtml(r, t)) : ''}
${section('findings', `${t('findings')} (${r.findings.length})`, findings)}
${section('undeclared', `${t('group_undeclared')} (${s.undeclared})`, cookieTable(r.cookies.filter((c) => c.status === 'undeclared'), t('empty_undeclared'), anchor, t))}
${section('declared', `${t('group_declared')} (${s.declaredPresent})`, cookieTable(r.cookies.filter((c) => c.status === 'declared'), t('empty_declared'), anchor, t))}
${section('missing', `${t('group_missing')} (${s.missing})`, r.missing.length ? `<ul>${r.missing.map((m) => `<li><span class="mono">${esc(m.name)}</span> — ${esc(t('label', m.provider))} ${esc(m.purpose)}</li>`).join('')}</ul>` : `<p><em>${esc(t('empty_missing'))}</em></p>`)}
${section('storage', `${t('st_title')} (${r.storage.summary.total})`, storageHtml(r, ids, t))}
${r.refused.length ? section('refused', `${t('group_refused')} (${r.refused.length})`, `<ul>${r.refused.map((x) => `<li><span class="mono">${esc(x.name)}</span> (<span class="mono">${esc(x.domain)}${esc(x.path ?? '')}</span>) — ${esc(x.explanation)} ${esc(setByWords(x.setBy, t))}</li>`).join('')}</ul>`) : ''}
${sides.length ? section('sides', t('sides_title'), `<p>${esc(t('label', t('sides_consent_manager_list')))} <span class="mono">${esc(consentManagerListWords(r) ?? '')}</span></p><table><thead><tr>${th('sides_col_site')}${th('sides_col_policy')}${th('sides_col_consent_manager')}</tr></thead><tbody>${sides.map((x) => `<tr><td><a href="#${ids.get(x.ref) ?? ''}" class="mono">${esc(x.ref)}</a></td><td>${esc(x.policy)}</td><td>${esc(x.consentManager)}</td></tr>`).join('')}</tbody></table>`) : ''}
${section('declared-list', t('declared_list'), `<p>${esc(r.declaredList.name)} — ${esc(t('source'))} <span class="mono">${esc(r.declaredList.source)}</span>${foundByWords(r, t) ? ` (${esc(foundByWords(r, t) as string)})` : ''}</p>
<table><thead><tr>${th('col_name_pattern')}${th('col_provider')}${th('col_function')}${th('col_purpose')}${th('col_duration')}</tr></thead><tbody>${declared}</tbody></table>`)}
</main>
<footer><p class="meta">${esc(r.valuesShown ? t('values_included') : t('values_redacted'))} ${esc(t('schema_is', r.schema))}</p></footer>
</body></html>
`;
}

function choicesHtml(r: Report, t: Translate): string {
  if (!r.choices) return '';
  const c = choicesLines(r.choices, t);
  const list = (xs: string[]): string => (xs.length ? `<span class="mono">${xs.map(esc).join(', ')}</span>` : esc(t('none')));
  return `<ul>${c.runs.map((l) => `<li>${esc(l)}</li>`).join('')}</ul><p>${esc(t('label', t('choices_only_accept')))} ${list(c.onlyWithAcceptance)}</p><p>${esc(t('label', t('choices_not_stopped')))} ${list(c.notStoppedByRefusal)}</p>`;
}

function storageHtml(r: Report, ids: ReadonlyMap<string, string>, t: Translate): string {
  const s = r.storage;
  const n = s.summary;
  const th = (k: MessageKey): string => `<th scope="col">${esc(t(k))}</th>`;
  const rows = s.items.map((i) => {
    const timeline = storageTimeline(i, t).map((e) => `<li><time datetime="${esc(e.at)}">${esc(e.time)}</time> ${esc(e.words)}${e.url ? ` — <span class="mono">${esc(e.url)}</span>` : ''}</li>`).join('');
    const match = i.match ? `<br>${esc(t('label', t('txt_matched')))} ${esc(storageMatchWords(i, t))}` : '';
    const stores = i.stores?.length ? `<br>${esc(t('st_stores', i.stores.join(', ')))}` : '';
    return `<tr id="${ids.get(storageRef(i)) ?? ''}"><td>${i.area}</td><td class="mono">${esc(i.key)}${stores}</td><td class="mono">${esc(i.origin)}</td><td>${esc(t(`status_${i.status}`))}${match}</td>` +
      `<td>${esc(storageKind(i, t))}${knownHtml(i.classification, t)}</td><td>${esc(storageFlags(i, t))}</td><td>${esc(sizeWords(i, t))}</td><td>${esc(storageSetByWords(i, t))}</td><td><ol class="timeline">${timeline}</ol></td>` +
      `${r.valuesShown ? `<td class="mono">${esc(storageValueWords(i, t))}</td>` : ''}</tr>`;
  });
  const table = rows.length
    ? `<table><thead><tr>${th('st_area_col')}${th('st_key_col')}${th('st_origin_col')}${th('col_status')}${th('col_kind')}${th('col_party')}${th('st_size_col')}${th('col_set_by')}${th('col_timeline')}${r.valuesShown ? th('col_value') : ''}</tr></thead><tbody>${rows.join('')}</tbody></table>`
    : `<p><em>${esc(t('st_empty'))}</em></p>`;
  const missing = s.missing.length ? `<h3>${esc(t('st_missing_title'))} (${s.missing.length})</h3><ul>${s.missing.map((m) => `<li>${m.kind}: <span class="mono">${esc(m.key)}</span> — ${esc(t('label', m.provider))} ${esc(m.purpose)}</li>`).join('')}</ul>` : '';
  return `<p>${esc(t('st_counts', n.total, n.declaredPresent, n.undeclared, n.missing))}. ${esc(t('st_no_expiry'))}</p>${table}${missing}`;
}
