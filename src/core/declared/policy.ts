import { parse } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import { compileName, type DeclaredCookie } from './declared';
import { parseDuration } from './duration';
import { EN, LocalizedError, messageOf, type Translate } from '../text/i18n';

// Reads the declared cookies out of a portal's cookie-policy page: its HTML tables, or the same
// tables as plain text (tab-separated, as a policy looks when copied from the page). Columns are
// found by what their header means, in English or French, never by position.

type Column = 'provider' | 'name' | 'function' | 'purpose' | 'duration';

// Tried in this order: "Supplier name" is a provider, not a cookie name.
const HEADERS: Array<[Column, RegExp]> = [
  ['provider', /provider|supplier|vendor|fournisseur|prestataire|[ée]metteur|[ée]diteur|soci[ée]t[ée]|third part|tiers/],
  ['name', /cookie|name|nom|traceur/],
  ['duration', /duration|dur[ée]e|expir|lifetime|life span|retention|conservation|validit/],
  ['purpose', /purpose|finalit|objecti|\bbut\b|usage|utilit/],
  ['function', /function|fonction|r[ôo]le|description|cat[ée]gor|type/],
];

/** A header row names a cookie-name column and at least one other kind (a spanning title row does not). */
function isHeader(cells: string[]): boolean {
  const kinds = new Set(cells.map(columnOf).filter((c) => c !== undefined));
  return kinds.has('name') && kinds.size >= 2;
}

export function columnOf(header: string): Column | undefined {
  const h = header.toLowerCase().normalize('NFC');
  return HEADERS.find(([, re]) => re.test(h))?.[0];
}

export class PolicyError extends LocalizedError {}

export interface PolicyParse {
  cookies: DeclaredCookie[];
  /** What was skipped and why, for the user to check before accepting the list. */
  problems: string[];
}

const MAX_POLICY_BYTES = 10 * 1024 * 1024;
const NOT_NAMES = new Set(['cookie', 'cookies', 'and', 'or', 'et', 'ou', 'the', 'le', 'la', 'les', 'de', 'du', 'des', 'any', 'all', 'tous', 'tout']);

/** The cookie names (or patterns) a cell lists: "_hjSessionUser; _hjid", "any cookie starting with `_hs`". */
export function namesInCell(cell: string): string[] {
  let text = cell.replace(/<[^>]*>|\[[^\]]*\]|\{[^}]*\}/g, '*'); // "_ga_<container-id>" -> "_ga_*"
  const names: string[] = [];
  const prefix = /(?:cookies?|names?|noms?)?\s*(?:starting|beginning|prefixed|commen[çc]ant|d[ée]butant|pr[ée]fix[ée]s?)\s+(?:with|by|par)\s+[`'"«“‘]?\s*([^\s`'"»”’,;]+)/gi;
  text = text.replace(prefix, (_m, p: string) => {
    names.push(p.replace(/\*+$/, '') + '*');
    return ' ';
  });
  for (const raw of text.split(/[\s;,/|]+/)) {
    const token = raw.replace(/^[`'"«“‘(]+|[`'"»”’).:]+$/g, '');
    if (token === '' || NOT_NAMES.has(token.toLowerCase())) continue;
    if (!/^[A-Za-z0-9_\-.$!#%&+^|~*]+$/.test(token)) continue;
    names.push(token);
  }
  return [...new Set(names)];
}

/** Turns a table (header row + body rows) into declared cookies. */
function tableToCookies(header: string[], rows: string[][], where: string, problems: string[], t: Translate): DeclaredCookie[] | null {
  const columns = header.map(columnOf);
  const nameAt = columns.indexOf('name');
  if (nameAt < 0 || !isHeader(header)) return null;
  const at = (row: string[], col: Column): string => {
    const i = columns.indexOf(col);
    return i >= 0 ? (row[i] ?? '').trim() : '';
  };
  const out: DeclaredCookie[] = [];
  rows.forEach((row, r) => {
    if (row.every((c) => c.trim() === '')) return;
    const names = namesInCell(row[nameAt] ?? '');
    if (names.length === 0) {
      problems.push(t('pol_no_name', where, r + 1, (row[nameAt] ?? '').trim().slice(0, 80)));
      return;
    }
    for (const name of names) {
      try {
        compileName(name);
      } catch (e) {
        problems.push(t('pol_bad_name', where, r + 1, messageOf(e, t)));
        continue;
      }
      const d: DeclaredCookie = { name, provider: at(row, 'provider'), function: at(row, 'function'), purpose: at(row, 'purpose') };
      const duration = at(row, 'duration');
      if (duration) {
        d.duration = duration;
        d.lifetime = parseDuration(duration);
        if (d.lifetime.kind === 'unparsed') problems.push(t('pol_bad_duration', where, r + 1, duration.slice(0, 80), name));
      }
      out.push(d);
    }
  });
  return out;
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

function finish(cookies: DeclaredCookie[], problems: string[], tablesSeen: number): PolicyParse {
  if (cookies.length === 0) throw tablesSeen === 0 ? new PolicyError('pol_no_table') : new PolicyError('pol_no_name_column', tablesSeen);
  return { cookies, problems };
}

export function parsePolicyHtml(html: string, t: Translate = EN): PolicyParse {
  if (html.length > MAX_POLICY_BYTES) throw new PolicyError('pol_too_big', Math.round(html.length / 1048576));
  const doc = parse(html);
  const problems: string[] = [];
  const cookies: DeclaredCookie[] = [];
  let tables = 0;
  for (const table of elements(doc, 'table')) {
    tables++;
    const rows = grid(table);
    // The header row is the first whose cells say what they hold; a table may have a title row first.
    const h = rows.findIndex(isHeader);
    if (h < 0) {
      problems.push(t('pol_no_header', t('pol_table', tables)));
      continue;
    }
    const found = tableToCookies(rows[h] as string[], rows.slice(h + 1), t('pol_table', tables), problems, t);
    if (found) cookies.push(...found);
  }
  if (tables === 0) {
    // A policy with no <table> may still show its table as text.
    const text = textOf(doc);
    if (text.includes('\t')) return parsePolicyText(text, t);
  }
  return finish(cookies, problems, tables);
}

/** The plain-text form: tab-separated rows under a tab-separated header line. */
export function parsePolicyText(text: string, t: Translate = EN): PolicyParse {
  if (text.length > MAX_POLICY_BYTES) throw new PolicyError('pol_too_big', Math.round(text.length / 1048576));
  const problems: string[] = [];
  const cookies: DeclaredCookie[] = [];
  const lines = text.split(/\r?\n/);
  let tables = 0;
  for (let i = 0; i < lines.length; i++) {
    const cells = (lines[i] as string).split('\t');
    if (cells.length < 2) continue;
    if (!isHeader(cells)) continue;
    tables++;
    const rows: string[][] = [];
    let j = i + 1;
    // Rows go on across blank lines, and stop at the first line of prose.
    for (; j < lines.length; j++) {
      const line = lines[j] as string;
      if (line.trim() === '') continue;
      if (!line.includes('\t')) break;
      rows.push(line.split('\t'));
    }
    const found = tableToCookies(cells, rows, t('pol_table_line', tables, i + 1), problems, t);
    if (found) cookies.push(...found);
    i = j - 1;
  }
  return finish(cookies, problems, tables);
}
