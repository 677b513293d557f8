import { formatCsv } from './format-csv';
import { formatHtml } from './format-html';
import { formatMarkdown } from './format-md';
import { formatText } from './format-text';
import type { Report } from './report';
import { EN, type Translate } from '../text/i18n';

// The forms a report can be saved in, with the file name an auditor files it under.

export const EXPORT_FORMATS = ['text', 'json', 'csv', 'html', 'md'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const MIME: Record<ExportFormat, string> = {
  json: 'application/json',
  csv: 'text/csv;charset=utf-8',
  html: 'text/html;charset=utf-8',
  md: 'text/markdown;charset=utf-8',
  text: 'text/plain;charset=utf-8',
};
const EXTENSION: Record<ExportFormat, string> = { json: 'json', csv: 'csv', html: 'html', md: 'md', text: 'txt' };

export function serialise(r: Report, format: ExportFormat, t: Translate = EN): string {
  switch (format) {
    case 'json':
      return JSON.stringify(r, null, 2) + '\n';
    case 'csv':
      return formatCsv(r);
    case 'html':
      return formatHtml(r, t);
    case 'md':
      return formatMarkdown(r, t);
    case 'text':
      return formatText(r, t);
  }
}

/** cookie-audit_<site>_<date>.<ext>: the site and the day of the audit, safe on every file system. */
export function exportFileName(r: Report, format: ExportFormat): string {
  const site =
    r.site.toLowerCase().replace(/[^a-z0-9.-]+/g, '_').replace(/\.{2,}/g, '_').replace(/_+/g, '_').replace(/^[._-]+|[._-]+$/g, '').slice(0, 80) || 'site';
  return `cookie-audit_${site}_${r.generatedAt.slice(0, 10)}.${EXTENSION[format]}`;
}

export function exportFile(r: Report, format: ExportFormat, t: Translate = EN): { name: string; mime: string; text: string } {
  return { name: exportFileName(r, format), mime: MIME[format], text: serialise(r, format, t) };
}
