import { ref, type Finding } from '../judgement/findings';
import { READABLE_SCHEMAS, REPORT_SCHEMA, type Report } from './report';
import { safeText } from './format-text';
import { EN, LocalizedError, type MessageKey, type Translate } from '../text/i18n';

// Two audits of one portal, some time apart: which cookies and findings appeared or disappeared.

export class ReportFileError extends LocalizedError {}

export interface ReportDiff {
  older: { url: string; generatedAt: string };
  newer: { url: string; generatedAt: string };
  cookies: { appeared: string[]; disappeared: string[] };
  findings: { appeared: Finding[]; disappeared: Finding[] };
}

/** A saved JSON report, checked enough to compare: its schema and the arrays the diff reads. */
export function parseReport(text: string, name: string): Report {
  let r: unknown;
  try {
    r = JSON.parse(text);
  } catch (e) {
    throw new ReportFileError('err_report_not_json', name, e instanceof Error ? e.message : String(e));
  }
  const o = r as Partial<Report> | null;
  if (typeof o !== 'object' || o === null || !READABLE_SCHEMAS.includes(o.schema as string)) {
    throw new ReportFileError('err_not_report', name, REPORT_SCHEMA);
  }
  if (!Array.isArray(o.cookies) || !Array.isArray(o.findings)) throw new ReportFileError('err_report_lists', name);
  return o as Report;
}

export function diffReports(older: Report, newer: Report): ReportDiff {
  const oldCookies = new Set(older.cookies.map(ref));
  const newCookies = new Set(newer.cookies.map(ref));
  const oldFindings = new Set(older.findings.map((f) => f.id));
  const newFindings = new Set(newer.findings.map((f) => f.id));
  return {
    older: { url: older.url, generatedAt: older.generatedAt },
    newer: { url: newer.url, generatedAt: newer.generatedAt },
    cookies: {
      appeared: [...newCookies].filter((c) => !oldCookies.has(c)),
      disappeared: [...oldCookies].filter((c) => !newCookies.has(c)),
    },
    findings: {
      appeared: newer.findings.filter((f) => !oldFindings.has(f.id)),
      disappeared: older.findings.filter((f) => !newFindings.has(f.id)),
    },
  };
}

export function formatDiff(d: ReportDiff, t: Translate = EN): string {
  const list = (title: MessageKey, items: string[], sign: string): string[] => [
    `${t(title)} (${items.length})`,
    ...(items.length ? items.map((x) => `  ${sign} ${safeText(x)}`) : [`  (${t('none')})`]),
  ];
  const finding = (f: Finding): string => `[${t(`sev_${f.severity}`).toUpperCase()}] ${f.explanation}  (${f.id})`;
  const lines = [
    t('diff_head', safeText(d.older.url), d.older.generatedAt, safeText(d.newer.url), d.newer.generatedAt),
    '',
    ...list('diff_cookies_appeared', d.cookies.appeared, '+'),
    ...list('diff_cookies_disappeared', d.cookies.disappeared, '-'),
    ...list('diff_findings_appeared', d.findings.appeared.map(finding), '+'),
    ...list('diff_findings_disappeared', d.findings.disappeared.map(finding), '-'),
  ];
  return lines.join('\n') + '\n';
}
