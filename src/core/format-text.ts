import { needsConsent } from './classify';
import type { Report, ReportCookie } from './report';

// Plain-text report for a terminal. Untrusted strings are stripped of control characters
// so a hostile cookie name cannot move the cursor or rewrite the terminal.
export function safeText(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (ch) =>
    `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function flags(c: ReportCookie): string {
  const f = [c.party === 'first' ? '1st-party' : '3rd-party'];
  if (c.secure) f.push('Secure');
  if (c.httpOnly) f.push('HttpOnly');
  f.push(`SameSite=${c.sameSite ?? 'unspecified'}`);
  if (c.partitionSite) f.push(`partitioned(${c.partitionSite})`);
  return f.join(' ');
}

function setByText(c: ReportCookie): string {
  const s = c.setBy;
  if (s.kind === 'header') return `Set-Cookie header of ${s.url ?? '?'} (${s.type ?? 'request'})`;
  if (s.kind === 'script') return `script${s.url ? ' ' + s.url : ''} in ${s.frameUrl ?? '?'}`;
  return 'unknown (no request or script write matched)';
}

function cookieLines(c: ReportCookie): string[] {
  const lines = [
    `  - ${safeText(c.name)}  [${safeText(c.domain)}${safeText(c.path)}]  ${flags(c)}`,
    `      expires: ${c.expires ?? 'session'}${c.present ? '' : `  (${c.removedBy ?? 'removed'} during the visit)`}`,
    `      set by: ${safeText(setByText(c))}`,
  ];
  if (c.vendor || c.category !== 'unknown') lines.push(`      kind: ${c.category}${c.vendor ? ` (${safeText(c.vendor)})` : ''}${c.beforeConsent && needsConsent(c.category) ? ', set before consent' : ''}`);
  if (c.declared) lines.push(`      declared: ${safeText(c.declared.provider)}: ${safeText(c.declared.purpose)}`);
  if (c.value !== null) lines.push(`      value: ${safeText(c.value)}`);
  return lines;
}

export function formatText(r: Report): string {
  const s = r.summary;
  const out: string[] = [
    `Cookie audit of ${safeText(r.url)} (site ${safeText(r.site)})`,
    `Declared list: ${safeText(r.declaredList.name)} — ${safeText(r.declaredList.source)}`,
    `Third-party cookies in this browser: ${r.environment.thirdPartyCookies}`,
    '',
    `${s.declaredPresent} declared and present, ${s.undeclared} undeclared, ${s.missing} declared but not seen ` +
      `(${s.total} cookies: ${s.firstParty} first-party, ${s.thirdParty} third-party)`,
  ];
  out.push('', `FINDINGS (${r.findings.length}: ${s.findings.high} high, ${s.findings.medium} medium, ${s.findings.low} low)`);
  if (r.findings.length === 0) out.push('  (none)');
  if (r.pages) {
    out.push('', `PAGES (${r.pages.length})`);
    r.pages.forEach((p, i) => out.push(`  ${i + 1}. ${safeText(p.url)}: ${p.status === 'audited' ? `${p.cookies ?? 0} new cookies` : `${p.status}, ${safeText(p.error ?? '')}`}`));
  }
  for (const f of r.findings) out.push(`  [${f.severity.toUpperCase()}] ${safeText(f.explanation)}  (${f.rule})`);
  out.push(`Consent: ${r.consent ? `${r.consent.at} — ${safeText(r.consent.source)}` : 'not given during the audit'}`);
  for (const p of r.phases ?? []) {
    const title = p.name === 'before-consent' ? 'Before consent' : `After ${safeText(p.action ?? 'consent')}`;
    out.push(`  ${title}: ${p.cookies.length} ${p.cookies.length === 1 ? 'cookie' : 'cookies'} first seen${p.cookies.length ? ': ' + p.cookies.map((c) => safeText(c.split('@')[0] ?? c)).join(', ') : ''}`);
  }
  const group = (title: string, cookies: ReportCookie[]): void => {
    out.push('', `${title} (${cookies.length})`);
    if (cookies.length === 0) out.push('  (none)');
    for (const c of cookies) out.push(...cookieLines(c));
  };
  group('UNDECLARED', r.cookies.filter((c) => c.status === 'undeclared'));
  group('DECLARED AND PRESENT', r.cookies.filter((c) => c.status === 'declared'));
  out.push('', `DECLARED BUT NOT SEEN (${r.missing.length})`);
  if (r.missing.length === 0) out.push('  (none)');
  for (const m of r.missing) out.push(`  - ${safeText(m.name)}  ${safeText(m.provider)}: ${safeText(m.purpose)}`);
  if (!r.valuesShown) out.push('', 'Values are redacted; pass --show-values to include them.');
  return out.join('\n') + '\n';
}
