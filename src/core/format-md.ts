import type { Report, ReportCookie } from './report';

// A Markdown report for a ticket or a pull request: summary, findings, one table per group.
// Untrusted text is flattened to one line and every Markdown/HTML punctuation mark is escaped,
// so a cookie name cannot open a link, an image, raw HTML or a new table cell.

export function mdText(s: string): string {
  return s.replace(/[\r\n\t]+/g, ' ').replace(/[\\`*_{}[\]()#+\-.!|<>&~"']/g, (ch) => `\\${ch}`);
}

function table(cookies: ReportCookie[]): string[] {
  if (cookies.length === 0) return ['_None._'];
  return [
    '| Name | Domain | Party | Kind | Set by | Expires |',
    '| --- | --- | --- | --- | --- | --- |',
    ...cookies.map((c) =>
      `| ${mdText(c.name)} | ${mdText(c.domain + c.path)} | ${c.party} | ${mdText(`${c.category}${c.vendor ? `, ${c.vendor}` : ''}`)} | ` +
      `${mdText(`${c.setBy.kind}${c.setBy.url ? ` ${c.setBy.url}` : ''}`)} | ${mdText(c.expires ?? 'session')}${c.present ? '' : ` (${c.removedBy ?? 'removed'})`} |`),
  ];
}

export function formatMarkdown(r: Report): string {
  const s = r.summary;
  return [
    `# Cookie audit of ${mdText(r.site)}`,
    '',
    `Page: ${mdText(r.url)}  `,
    `Audit: ${r.startedAt} to ${r.generatedAt}, ${mdText(r.environment.browser)}, cookie-auditor ${mdText(r.environment.extensionVersion)}  `,
    `Declared list: ${mdText(r.declaredList.name)} (${mdText(r.declaredList.source)})`,
    '',
    `**${s.undeclared > 0 ? `✗ ${s.undeclared} undeclared` : '✓ nothing undeclared'}**, ${s.declaredPresent} declared and present, ${s.missing} declared but not seen ` +
      `(${s.total} cookies: ${s.firstParty} first-party, ${s.thirdParty} third-party).`,
    '',
    `Consent: ${r.consent ? `${r.consent.at}, ${mdText(r.consent.source)}` : 'not given during the audit'}.`,
    ...(r.pages ? ['', '## Pages', '', ...r.pages.map((p, i) => `${i + 1}. ${mdText(p.url)}: ${p.status === 'audited' ? `${p.cookies ?? 0} new cookies` : `${p.status}, ${mdText(p.error ?? '')}`}`)] : []),
    '',
    `## Findings (${r.findings.length})`,
    '',
    ...(r.findings.length ? r.findings.map((f) => `- **${f.severity}** ${mdText(f.explanation)} (${f.rule})`) : ['_Nothing to report._']),
    '',
    `## Undeclared (${s.undeclared})`,
    '',
    ...table(r.cookies.filter((c) => c.status === 'undeclared')),
    '',
    `## Declared and present (${s.declaredPresent})`,
    '',
    ...table(r.cookies.filter((c) => c.status === 'declared')),
    '',
    `## Declared but not seen (${s.missing})`,
    '',
    ...(r.missing.length ? r.missing.map((m) => `- ${mdText(m.name)}: ${mdText(m.purpose)}`) : ['_None._']),
    '',
  ].join('\n');
}
