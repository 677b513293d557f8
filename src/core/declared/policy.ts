import { parse } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import { compileName, type DeclaredCookie, type DeclaredProvider, type DeclaredStorage } from './declared';
import { categoryOf, columnOf, isHeader, storageKindOf, type Column } from './policy-columns';
import { readNameCell } from './policy-cells';
import { readProse, type ProseBlock } from './policy-prose';
import { parseDuration } from './duration';
import { readCmpDeclaration } from './cmp';
import { EN, LocalizedError, messageOf, type Translate } from '../text/i18n';

// Reads the declared cookies out of a portal's cookie-policy page: its HTML tables, or the same
// tables as plain text (tab-separated, as a policy looks when copied from the page). Columns are
// found by what their header means (policy-columns.ts), never by position; the names in a cell by
// policy-cells.ts. A table's category is its category column, else the heading above it.

export class PolicyError extends LocalizedError {}

/** A row for browser storage other than cookies (`localStorage:theme`): set apart, never taken as a cookie. */
export type { DeclaredStorage };

export interface PolicyParse {
  cookies: DeclaredCookie[];
  /** Rows that name a provider but no cookie ("Matomo", empty name cell): the provider's cookies are declared as a whole. */
  providers: DeclaredProvider[];
  storage: DeclaredStorage[];
  /** What was skipped and why, for the user to check before accepting the list. */
  problems: string[];
}

const MAX_POLICY_BYTES = 10 * 1024 * 1024;

interface Table {
  header: string[];
  rows: string[][];
  where: string;
  /** The heading above the table, if any. */
  heading?: string;
}

/**
 * The row's lifetime: its duration cell, or, when that cell does not read as a lifetime, a short
 * cell elsewhere in the row that does (consent plugins often shift a row one column left).
 */
function lifetimeCell(row: string[], columns: Array<Column | undefined>): string {
  const i = columns.indexOf('duration');
  const own = i >= 0 ? (row[i] ?? '').trim() : '';
  const kind = parseDuration(own).kind;
  // A long sentence that merely mentions a session is a description that slid into this column.
  if (kind === 'fixed' || (kind === 'session' && own.length <= 40)) return own;
  const shifted = row.find((c, k) => k !== i && columns[k] !== 'name' && c.trim().length <= 40 && parseDuration(c).kind === 'fixed');
  return shifted?.trim() ?? own;
}

/** Turns a table (header row + body rows) into declared cookies, providers and storage rows. */
function readTable(table: Table, out: PolicyParse, t: Translate): void {
  const { header, rows, where } = table;
  const columns = header.map(columnOf);
  const nameAt = columns.indexOf('name');
  const at = (row: string[], col: Column): string => {
    const i = columns.indexOf(col);
    return i >= 0 ? (row[i] ?? '').trim() : '';
  };
  const headingCategory = table.heading ? categoryOf(table.heading) : undefined;
  rows.forEach((row, r) => {
    if (row.every((c) => c.trim() === '')) return;
    const nameCell = (row[nameAt] ?? '').trim();
    const provider = at(row, 'provider');
    const fields = { provider, function: at(row, 'function'), purpose: at(row, 'purpose') };
    const duration = lifetimeCell(row, columns);
    const categoryText = at(row, 'category') || at(row, 'type');
    const category = categoryOf(categoryText) ?? headingCategory;
    const storageKind = storageKindOf(nameCell) ?? storageKindOf(at(row, 'type'));
    if (storageKind) {
      const key = nameCell.replace(/^(?:localStorage|sessionStorage|indexedDB)[:.]\s*/i, '');
      out.storage.push({ kind: storageKind, key, provider, purpose: fields.purpose || fields.function, ...(duration ? { duration } : {}) });
      out.problems.push(t('pol_storage_row', where, r + 1, nameCell.slice(0, 80)));
      return;
    }
    const { names, descriptions } = readNameCell(nameCell);
    for (const d of descriptions) out.problems.push(t('pol_description', where, r + 1, d.slice(0, 80)));
    if (names.length === 0) {
      // A provider with no cookie named: declared as a whole, if the row names one.
      if (provider !== '' && descriptions.length === 0) {
        out.providers.push({ ...fields, ...(category ? { category } : {}) });
        out.problems.push(t('pol_provider_only', where, r + 1, provider.slice(0, 80)));
      } else if (descriptions.length === 0) {
        out.problems.push(t('pol_no_name', where, r + 1, nameCell.slice(0, 80)));
      }
      return;
    }
    for (const name of names) {
      try {
        compileName(name);
      } catch (e) {
        out.problems.push(t('pol_bad_name', where, r + 1, messageOf(e, t)));
        continue;
      }
      const d: DeclaredCookie = { name, ...fields };
      if (category) d.category = category;
      if (duration) {
        d.duration = duration;
        d.lifetime = parseDuration(duration);
        if (d.lifetime.kind === 'unparsed') out.problems.push(t('pol_bad_duration', where, r + 1, duration.slice(0, 80), name));
      }
      out.cookies.push(d);
    }
  });
}

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

function isElement(n: Node): n is Element {
  return 'tagName' in n;
}

function textOf(n: Node): string {
  if (n.nodeName === '#text') return (n as DefaultTreeAdapterMap['textNode']).value;
  if (!isElement(n)) return 'childNodes' in n ? n.childNodes.map(textOf).join('') : '';
  if (n.tagName === 'br') return '\n';
  const inner = n.childNodes.map(textOf).join('');
  return ['p', 'div', 'li'].includes(n.tagName) ? `\n${inner}\n` : inner;
}

function* elements(n: Node, tag: string, stopAt?: string): Generator<Element> {
  if (!('childNodes' in n)) return;
  for (const c of n.childNodes) {
    if (!isElement(c)) continue;
    if (c.tagName === tag) yield c;
    if (c.tagName !== stopAt) yield* elements(c, tag, stopAt);
  }
}

/** The table as a grid of cell texts, with colspan and rowspan spread over the cells they cover. */
function grid(table: Element): string[][] {
  const out: string[][] = [];
  const carried: Array<{ text: string; left: number } | undefined> = [];
  for (const tr of elements(table, 'tr', 'table')) {
    const row: string[] = [];
    const cells = tr.childNodes.filter((c): c is Element => isElement(c) && (c.tagName === 'td' || c.tagName === 'th'));
    let col = 0;
    const fillCarried = (): void => {
      for (let k = carried[col]; k && k.left > 0; k = carried[col]) {
        row[col] = k.text;
        k.left--;
        col++;
      }
    };
    for (const cell of cells) {
      fillCarried();
      const text = textOf(cell).replace(/[ \t\u00a0]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim();
      const attr = (name: string): number => Math.min(50, Math.max(1, Number(cell.attrs.find((a) => a.name === name)?.value) || 1));
      const span = attr('colspan');
      const down = attr('rowspan');
      for (let s = 0; s < span; s++) {
        row[col] = text;
        carried[col] = down > 1 ? { text, left: down - 1 } : undefined;
        col++;
      }
    }
    fillCarried();
    out.push(Array.from(row, (c) => c ?? ''));
  }
  return out;
}

function finish(out: PolicyParse, tablesSeen: number): PolicyParse {
  if (out.cookies.length === 0 && out.providers.length === 0) {
    throw tablesSeen === 0 ? new PolicyError('pol_no_table') : new PolicyError('pol_no_name_column', tablesSeen);
  }
  return out;
}

const empty = (): PolicyParse => ({ cookies: [], providers: [], storage: [], problems: [] });

/** Headings and tables in document order (a table's own caption is its heading). */
function* headingsAndTables(n: Node): Generator<{ heading: string } | { table: Element }> {
  if (!('childNodes' in n)) return;
  for (const c of n.childNodes) {
    if (!isElement(c)) continue;
    if (/^h[1-6]$/.test(c.tagName)) yield { heading: textOf(c).replace(/\s+/g, ' ').trim() };
    else if (c.tagName === 'table') yield { table: c };
    else yield* headingsAndTables(c);
  }
}

export interface PolicyOptions {
  /** Names the caller knows as cookie names (the known-cookie tables), for reading prose. */
  isKnownName?: (name: string) => boolean;
}

export function parsePolicyHtml(html: string, t: Translate = EN, opts: PolicyOptions = {}): PolicyParse {
  if (html.length > MAX_POLICY_BYTES) throw new PolicyError('pol_too_big', Math.round(html.length / 1048576));
  const doc = parse(html);
  // A consent manager's declaration is read by that consent manager's own rule (cmp/).
  const byCmp = readCmpDeclaration(doc, t);
  if (byCmp) return byCmp;
  const out = empty();
  let tables = 0;
  let heading: string | undefined;
  for (const block of headingsAndTables(doc)) {
    if ('heading' in block) {
      heading = block.heading;
      continue;
    }
    tables++;
    const rows = grid(block.table);
    // The header row is the first whose cells say what they hold; a table may have a title row first.
    const h = rows.findIndex(isHeader);
    if (h < 0) {
      out.problems.push(t('pol_no_header', t('pol_table', tables)));
      continue;
    }
    const caption = [...elements(block.table, 'caption', 'table')][0];
    const title = caption ? textOf(caption).trim() : (rows.slice(0, h).find((r) => r.some((c) => c.trim() !== ''))?.find((c) => c.trim() !== '') ?? heading);
    readTable({ header: rows[h] as string[], rows: rows.slice(h + 1), where: t('pol_table', tables), ...(title ? { heading: title } : {}) }, out, t);
  }
  if (tables === 0) {
    // A policy with no <table> may still show its table as text.
    const text = textOf(doc);
    if (text.includes('\t')) return parsePolicyText(text, t);
  }
  if (out.cookies.length === 0 && out.providers.length === 0) {
    // No table names a cookie: read the names its list items and sentences make recognisable.
    out.cookies = readProse(proseBlocks(doc), opts.isKnownName);
    if (out.cookies.length > 0) out.problems.unshift(t('pol_from_prose', out.cookies.length));
  }
  return finish(out, tables);
}

/** List items and paragraphs outside tables, each with what it sets in code. */
function proseBlocks(doc: Node): ProseBlock[] {
  const blocks: ProseBlock[] = [];
  const walk = (n: Node): void => {
    if (!('childNodes' in n)) return;
    for (const c of n.childNodes) {
      if (!isElement(c) || c.tagName === 'table' || c.tagName === 'script' || c.tagName === 'style') continue;
      if (c.tagName === 'li' || c.tagName === 'p' || c.tagName === 'dd' || c.tagName === 'dt') {
        const code = ['code', 'kbd', 'samp', 'tt'].flatMap((tag) => [...elements(c, tag)].map((e) => textOf(e)));
        blocks.push({ text: textOf(c).replace(/[ \t\u00a0]+/g, ' ').trim(), code });
      } else walk(c);
    }
  };
  walk(doc);
  return blocks;
}

/** The plain-text form: tab-separated rows under a tab-separated header line, the line of prose above it as its heading. */
export function parsePolicyText(text: string, t: Translate = EN): PolicyParse {
  if (text.length > MAX_POLICY_BYTES) throw new PolicyError('pol_too_big', Math.round(text.length / 1048576));
  const out = empty();
  const lines = text.split(/\r?\n/);
  let tables = 0;
  let heading: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    const cells = (lines[i] as string).split('\t');
    if (cells.length < 2) {
      if (line !== '' && line.length <= 120) heading = line;
      continue;
    }
    if (!isHeader(cells)) continue;
    tables++;
    const rows: string[][] = [];
    let j = i + 1;
    // Rows go on across blank lines, and stop at the first line of prose.
    for (; j < lines.length; j++) {
      const row = lines[j] as string;
      if (row.trim() === '') continue;
      if (!row.includes('\t')) break;
      rows.push(row.split('\t'));
    }
    readTable({ header: cells, rows, where: t('pol_table_line', tables, i + 1), ...(heading ? { heading } : {}) }, out, t);
    i = j - 1;
  }
  return finish(out, tables);
}
