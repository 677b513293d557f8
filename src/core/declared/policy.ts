import { parse } from 'parse5';
import type { DeclaredCookie, DeclaredProvider, DeclaredStorage } from './declared';
import { columnOf, isHeader, lifetimeScore } from './policy-columns';
import { readRows, type Collected } from './policy-rows';
import { entriesFrom } from './policy-lines';
import { clean, elements, grid, isElement, lines, textOf, type Cell, type Element, type Node } from './policy-dom';
import { readProse, type ProseBlock } from './policy-prose';
import { readCmpDeclaration } from './cmp';
import { EN, LocalizedError, type Translate } from '../text/i18n';

// Reads the declared cookies out of a portal's cookie-policy page, by content rather than by header
// words: its tables (a column holds names because its cells look like names, lifetimes because they
// read as durations: policy-columns.ts), its label/value entries and definition lists
// (policy-lines.ts), its `<code>` names; with no such structure, the names its sentences make
// recognisable (policy-prose.ts). Also the same tables as plain text (tab-separated, as a policy
// looks when copied from the page). Every entry keeps where it was read from.

export class PolicyError extends LocalizedError {}

/** A row for browser storage other than cookies (`localStorage:theme`): set apart, never taken as a cookie. */
export type { DeclaredStorage };

export interface PolicyParse {
  cookies: DeclaredCookie[];
  /** Rows that name a provider but no cookie ("Matomo", empty name cell): the provider's cookies are declared as a whole. */
  providers: DeclaredProvider[];
  storage: DeclaredStorage[];
  /** Rows whose type is a pixel or tracker: they declare no cookie. */
  pixels?: string[];
  /** What was skipped and why, for the user to check before accepting the list. */
  problems: string[];
}

const MAX_POLICY_BYTES = 10 * 1024 * 1024;

const empty = (): Collected => ({ cookies: [], providers: [], storage: [], pixels: [], problems: [] });

function finish(out: Collected, tablesSeen: number): PolicyParse {
  if (out.cookies.length === 0 && out.providers.length === 0) {
    throw tablesSeen === 0 ? new PolicyError('pol_no_table') : new PolicyError('pol_no_name_column', tablesSeen);
  }
  // A name read twice (a table and its copy in a dialog, a service listed twice) is declared once,
  // where it was first read, with the lifetime a later mention states when the first states none.
  const first = new Map<string, DeclaredCookie>();
  out.cookies = out.cookies.filter((c) => {
    const seen = first.get(c.name);
    if (!seen) return first.set(c.name, c), true;
    if (!seen.duration && c.duration) Object.assign(seen, { duration: c.duration, ...(c.lifetime ? { lifetime: c.lifetime } : {}) });
    return false;
  });
  const { pixels, ...rest } = out;
  return pixels.length > 0 ? { ...rest, pixels: [...new Set(pixels)] } : rest;
}

/** A table of label/value rows (a th or "Label:" then its value), one entry per table: read as lines, not columns. */
function isLabelValue(g: { cells: Cell[][]; th: boolean[][] }): boolean {
  const rows = g.cells.filter((r) => r.some((c) => c.text !== ''));
  if (rows.length === 0 || rows.some((r) => new Set(r).size > 2)) return false;
  return rows.every((r, i) => g.th[g.cells.indexOf(r)]?.[0] === true && g.th[i]?.[1] !== true) || rows.every((r) => /:$/.test(r[0]?.text ?? ''));
}

/** The header row: the leading rows of header cells, or a first row whose words name the columns. */
function headerOf(g: { cells: Cell[][]; th: boolean[][] }): number {
  let h = -1;
  for (let i = 0; i < g.cells.length && i < 3; i++) {
    const texts = (g.cells[i] as Cell[]).map((c) => c.text);
    // A title row spanning the table comes before the header.
    if (new Set(texts).size === 1 && texts.length > 1) continue;
    // Header words count only in short cells that are not themselves lifetimes ("Set by …" is a description).
    const worded = isHeader(texts) && texts.every((c) => c.length <= 40 && lifetimeScore(c) < 1);
    if ((g.th[i] as boolean[]).every((x) => x) || worded) h = i;
    else break;
  }
  return h;
}

/** Headings and tables in document order (a table's own caption is its heading). */
function* headingsAndTables(n: Node): Generator<{ heading: string } | { table: Element }> {
  if (!('childNodes' in n)) return;
  for (const c of n.childNodes) {
    if (!isElement(c)) continue;
    if (/^h[1-6]$/.test(c.tagName)) yield { heading: clean(textOf(c)) };
    else if (c.tagName === 'table') {
      yield { table: c };
      yield* headingsAndTables(c);
    } else yield* headingsAndTables(c);
  }
}

export interface PolicyOptions {
  /** Names the caller knows as cookie names (the known-cookie tables): a name column's evidence, and names in prose. */
  isKnownName?: (name: string) => boolean;
}

/** A header row repeated in the body: every cell a short header word, two at least. */
const isRepeatedHeader = (cells: readonly string[]): boolean => {
  const filled = cells.filter((c) => c !== '');
  return filled.length >= 2 && filled.every((c) => c.length <= 40 && columnOf(c) !== undefined);
};

export function parsePolicyHtml(html: string, t: Translate = EN, opts: PolicyOptions = {}): PolicyParse {
  if (html.length > MAX_POLICY_BYTES) throw new PolicyError('pol_too_big', Math.round(html.length / 1048576));
  const doc = parse(html);
  // A consent manager's declaration is read by that consent manager's own rule (cmp/).
  const byCmp = readCmpDeclaration(doc, t);
  if (byCmp) return byCmp;
  return readPolicyDocument(doc, t, opts);
}

/** The generic reader, for a page no consent manager's rule reads: tables, entries, then prose. */
export function readPolicyDocument(doc: Node, t: Translate = EN, opts: PolicyOptions = {}): PolicyParse {
  const isKnownName = opts.isKnownName ?? (() => false);
  const out = empty();
  let tables = 0;
  let heading: string | undefined;
  const asTables = new Set<Element>();
  for (const block of headingsAndTables(doc)) {
    if ('heading' in block) {
      heading = block.heading;
      continue;
    }
    const g = grid(block.table);
    if (g.cells.length === 0 || isLabelValue(g)) continue;
    tables++;
    const table = tables;
    const h = headerOf(g);
    const header = h >= 0 ? (g.cells[h] as Cell[]).map((c) => c.text) : [];
    // Header rows repeated in the body, and title rows spanning the table, are not entries.
    const body = g.cells.slice(h + 1).map((r, i) => ({ r, i: i + h + 1 })).filter(({ r }) => !isRepeatedHeader(r.map((c) => c.text)) && (r.length < 2 || new Set(r.map((c) => c.text)).size > 1));
    const caption = [...elements(block.table, 'caption', 'table')][0];
    const titleRow = g.cells.slice(0, Math.max(h, 0)).find((r) => r.some((c) => c.text !== ''))?.find((c) => c.text !== '')?.text;
    const title = caption ? clean(textOf(caption)) : (titleRow ?? heading);
    const read = readRows({ header, rows: body.map((b) => b.r), where: t('pol_table', table), source: (r, c) => ({ kind: 'table', table, row: (body[r]?.i ?? r) + 1, cell: c + 1 }), ...(title ? { heading: title } : {}) }, out, t, isKnownName);
    // Read as a table or not, a table's cells are never taken for label/value lines.
    asTables.add(block.table);
    if (!read && g.cells.length > 1) out.problems.push(t('pol_no_header', t('pol_table', table)));
  }
  // Everything else, as lines: label/value entries, definition lists, names in code.
  for (const rows of entriesFrom(lines(doc, (el) => asTables.has(el)), isKnownName)) readRows({ ...rows, where: t('pol_list') }, out, t, isKnownName);
  if (out.cookies.length === 0 && out.providers.length === 0 && tables === 0) {
    // A policy with no <table> may still show its table as text.
    const text = textOf(doc);
    if (text.includes('\t')) return parsePolicyText(text, t);
  }
  if (out.cookies.length === 0 && out.providers.length === 0) {
    // No table or list names a cookie: read the names its list items and sentences make recognisable.
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
    const table = tables;
    const first = i + 1;
    const toCells = (r: string[]): Cell[] => r.map((text) => ({ text: text.trim(), code: [] }));
    readRows({ header: cells, rows: rows.map(toCells), where: t('pol_table_line', table, first), source: (r, c) => ({ kind: 'table', table, row: r + 2, cell: c + 1 }), ...(heading ? { heading } : {}) }, out, t, () => false);
    i = j - 1;
  }
  return finish(out, tables);
}
