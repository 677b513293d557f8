// CSV as RFC 4180 writes it: comma-separated, fields quoted when they hold a comma, a quote or a
// line break, quotes doubled. Used to read the Open Cookie Database and to write CSV reports.

export class CsvError extends Error {}

export interface CsvRecord {
  /** The line of the file the record starts on, from 1. */
  line: number;
  cells: string[];
}

/** Records of a CSV text; a quoted field may span lines. Throws CsvError on an unterminated quote. */
export function parseCsvRecords(text: string): CsvRecord[] {
  const rows: CsvRecord[] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let quoteLine = 0;
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      line++;
      row.push(field);
      rows.push({ line: start, cells: row });
      start = line;
      row = [];
      field = '';
    } else field += ch;
  }
  if (quoted) throw new CsvError(`A quoted field opened on line ${quoteLine} is never closed.`);
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push({ line: start, cells: row });
  }
  return rows.filter((r) => !(r.cells.length === 1 && r.cells[0] === ''));
}

export function parseCsv(text: string): string[][] {
  return parseCsvRecords(text).map((r) => r.cells);
}

/** One CSV field, quoted when needed. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * A spreadsheet cell that cannot run as a formula: text starting with =, +, -, @ (or a tab or
 * carriage return, which some spreadsheets skip) gets a leading apostrophe, as OWASP advises.
 */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvRow(cells: readonly string[]): string {
  return cells.map((c) => csvField(safeCell(c))).join(',');
}
