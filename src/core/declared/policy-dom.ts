import type { DefaultTreeAdapterMap } from 'parse5';

// The parts of a parsed policy page the reader looks at: element text, tables as grids of cells,
// and everything else as lines (a line break, a list item, a paragraph, a table row of two cells),
// each line knowing whether it is a label ("Name:"), a lone emphasised or code word (an entry's
// head, as in `<b>_ga</b><br>` or `<dt><code>_ga</code></dt>`), and what it sets in code.

export type Node = DefaultTreeAdapterMap['node'];
export type Element = DefaultTreeAdapterMap['element'];

export function isElement(n: Node): n is Element {
  return 'tagName' in n;
}

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'button', 'select', 'option', 'head']);
const BLOCK = new Set(['p', 'div', 'li', 'dt', 'dd', 'tr', 'section', 'article', 'ul', 'ol', 'dl', 'table', 'thead', 'tbody', 'details', 'summary', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'footer', 'main', 'aside', 'nav', 'blockquote', 'pre', 'form', 'caption']);

export function textOf(n: Node): string {
  if (n.nodeName === '#text') return (n as DefaultTreeAdapterMap['textNode']).value;
  if (!isElement(n)) return 'childNodes' in n ? n.childNodes.map(textOf).join('') : '';
  if (SKIP.has(n.tagName)) return '';
  if (n.tagName === 'br') return '\n';
  const inner = n.childNodes.map(textOf).join('');
  return BLOCK.has(n.tagName) ? `\n${inner}\n` : inner;
}

export const clean = (s: string): string => s.replace(/[ \t\u00a0\u200b]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim();

export function* elements(n: Node, tag: string, stopAt?: string): Generator<Element> {
  if (!('childNodes' in n)) return;
  for (const c of n.childNodes) {
    if (!isElement(c)) continue;
    if (c.tagName === tag) yield c;
    if (c.tagName !== stopAt) yield* elements(c, tag, stopAt);
  }
}

/** A cell: its text, and the names it sets in code. */
export interface Cell {
  text: string;
  code: string[];
}

const CODE = ['code', 'kbd', 'samp', 'tt'];
export const codeIn = (n: Node): string[] => CODE.flatMap((tag) => [...elements(n, tag)].map((e) => clean(textOf(e)))).filter((c) => c !== '');

const cellsOf = (tr: Element): Element[] => tr.childNodes.filter((c): c is Element => isElement(c) && (c.tagName === 'td' || c.tagName === 'th'));
export const rowsOf = (table: Element): Element[] => [...elements(table, 'tr', 'table')];

/** The table as a grid of cells, with colspan and rowspan spread over the cells they cover. */
export function grid(table: Element): { cells: Cell[][]; th: boolean[][] } {
  const out: Cell[][] = [];
  const th: boolean[][] = [];
  const carried: Array<{ cell: Cell; th: boolean; left: number } | undefined> = [];
  for (const tr of rowsOf(table)) {
    const row: Cell[] = [];
    const heads: boolean[] = [];
    let col = 0;
    const fillCarried = (): void => {
      for (let k = carried[col]; k && k.left > 0; k = carried[col]) {
        row[col] = k.cell;
        heads[col] = k.th;
        k.left--;
        col++;
      }
    };
    for (const el of cellsOf(tr)) {
      fillCarried();
      const cell = { text: clean(textOf(el)), code: codeIn(el) };
      const attr = (name: string): number => Math.min(50, Math.max(1, Number(el.attrs.find((a) => a.name === name)?.value) || 1));
      const span = attr('colspan');
      const down = attr('rowspan');
      for (let s = 0; s < span; s++) {
        row[col] = cell;
        heads[col] = el.tagName === 'th';
        carried[col] = down > 1 ? { cell, th: heads[col] as boolean, left: down - 1 } : undefined;
        col++;
      }
    }
    fillCarried();
    out.push(Array.from(row, (c) => c ?? { text: '', code: [] }));
    th.push(Array.from(heads, (h) => h ?? false));
  }
  return { cells: out, th };
}

/** A line of the page outside the tables read as tables. */
export interface Line {
  text: string;
  code: string[];
  /** The line is one emphasised, code or heading run: an entry's head or a label. */
  head: boolean;
  /** A heading (h1–h6, a caption, a summary). */
  heading: boolean;
}

const EMPHASIS = new Set(['b', 'strong', 'code', 'kbd', 'samp', 'tt', 'em', 'dt', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'summary', 'caption']);

/** Text runs of a block, split at line breaks and nested blocks, each with whether it is all emphasis. */
export function lines(root: Node, isTable: (t: Element) => boolean): Line[] {
  const out: Line[] = [];
  let parts: Array<{ text: string; em: boolean }> = [];
  let code: string[] = [];
  let heading = false;
  const flush = (): void => {
    const text = clean(parts.map((p) => p.text).join(''));
    if (text !== '') {
      const visible = parts.filter((p) => p.text.trim() !== '');
      out.push({ text, code, head: visible.length > 0 && visible.every((p) => p.em), heading });
    }
    parts = [];
    code = [];
    heading = false;
  };
  const walk = (n: Node, em: boolean): void => {
    if (n.nodeName === '#text') {
      parts.push({ text: (n as DefaultTreeAdapterMap['textNode']).value, em });
      return;
    }
    if (!isElement(n)) {
      if ('childNodes' in n) n.childNodes.forEach((c) => walk(c, em));
      return;
    }
    const tag = n.tagName;
    if (SKIP.has(tag)) return;
    if (tag === 'br') return flush();
    if (tag === 'table' && isTable(n)) return flush();
    if (CODE.includes(tag)) code.push(clean(textOf(n)));
    const block = BLOCK.has(tag) || tag === 'td' || tag === 'th';
    if (block) flush();
    if (/^h[1-6]$|^caption$|^summary$/.test(tag)) heading = true;
    // A two-cell row, or an item of two blocks, is one "label: value" line.
    // Any element made of two parts and nothing else (`<li><div>Cookie</div><div>_ga</div></li>`,
    // `<div><span>Duration</span><span>1 year</span></div>`) whose first part is short: a label and its value.
    const kids = n.childNodes.filter((c): c is Element => isElement(c) && !SKIP.has(c.tagName));
    // The label is a leaf: an outer block of two label/value blocks is not itself a pair.
    const leaf = (e: Element | undefined): boolean => !!e && e.childNodes.filter(isElement).length < 2;
    const pair = (tag === 'tr' && cellsOf(n).length === 2) || (['li', 'div', 'p', 'span', 'dd'].includes(tag) && kids.length === 2 && leaf(kids[0]) && n.childNodes.every((c) => isElement(c) || textOf(c).trim() === '') && kids.every((c) => !['ul', 'ol', 'table', 'dl', 'br'].includes(c.tagName)));
    if (pair) {
      const [a, b] = tag === 'tr' ? cellsOf(n) : kids;
      const label = clean(textOf(a as Element)).replace(/:$/, '');
      const value = clean(textOf(b as Element)).replace(/\n/g, ' ');
      // The value is one line: a part holding paragraphs or lists is a section, not a value.
      const oneLine = !clean(textOf(b as Element)).includes('\n') || tag === 'tr' || tag === 'li';
      if (label !== '' && label.length <= 40 && !label.includes('\n') && !/[.!?]$/.test(label) && value !== '' && oneLine) {
        out.push({ text: `${label}: ${value}`, code: codeIn(b as Element), head: false, heading: false });
        return;
      }
    }
    for (const c of n.childNodes) walk(c, em || EMPHASIS.has(tag));
    if (block) flush();
  };
  walk(root, false);
  flush();
  return out;
}
