import { parse } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';

// The few DOM walks the consent-manager rules need, over parse5's tree (src/core has no DOM):
// elements by tag, class, id or attribute, an element's text as a reader sees it.

export type Node = DefaultTreeAdapterMap['node'];
export type Element = DefaultTreeAdapterMap['element'];
export type Document = DefaultTreeAdapterMap['document'];

export function parseHtml(html: string): Document {
  return parse(html);
}

export function isElement(n: Node): n is Element {
  return 'tagName' in n;
}

export function attr(e: Element, name: string): string | undefined {
  return e.attrs.find((a) => a.name === name)?.value;
}

export function hasClass(e: Element, cls: string): boolean {
  return (attr(e, 'class') ?? '').split(/\s+/).includes(cls);
}

/** Every element below `n`, in document order (scripts and styles are never declarations). */
export function* descendants(n: Node): Generator<Element> {
  if (!('childNodes' in n)) return;
  for (const c of n.childNodes) {
    if (!isElement(c) || c.tagName === 'script' || c.tagName === 'style' || c.tagName === 'template') continue;
    yield c;
    yield* descendants(c);
  }
}

export function all(n: Node, test: (e: Element) => boolean): Element[] {
  return [...descendants(n)].filter(test);
}

export function first(n: Node, test: (e: Element) => boolean): Element | undefined {
  for (const e of descendants(n)) if (test(e)) return e;
  return undefined;
}

export const byClass = (cls: string) => (e: Element): boolean => hasClass(e, cls);
export const byTag = (tag: string) => (e: Element): boolean => e.tagName === tag;
export const byId = (id: string) => (e: Element): boolean => attr(e, 'id') === id;
/** Class that starts with a prefix: rules whose markup numbers its classes. */
export const byClassPrefix = (prefix: string) => (e: Element): boolean => (attr(e, 'class') ?? '').split(/\s+/).some((c) => c.startsWith(prefix));

export function children(e: Element, test: (e: Element) => boolean = () => true): Element[] {
  return e.childNodes.filter((c): c is Element => isElement(c) && test(c));
}

function rawText(n: Node): string {
  if (n.nodeName === '#text') return (n as DefaultTreeAdapterMap['textNode']).value;
  if (!isElement(n)) return 'childNodes' in n ? n.childNodes.map(rawText).join('') : '';
  if (n.tagName === 'script' || n.tagName === 'style') return '';
  if (n.tagName === 'br') return '\n';
  const inner = n.childNodes.map(rawText).join('');
  return ['p', 'div', 'li', 'tr', 'dd', 'dt', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'summary'].includes(n.tagName) ? `\n${inner}\n` : inner;
}

/** The element's text, spaces collapsed; line breaks kept where blocks break lines. */
export function textOf(n: Node | undefined): string {
  if (!n) return '';
  return rawText(n).replace(/[ \t\u00a0\u200b]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim();
}

/** The text on one line. */
export function lineOf(n: Node | undefined): string {
  return textOf(n).replace(/\s*\n\s*/g, ' ').trim();
}

export function parentOf(e: Element): Element | undefined {
  const p = e.parentNode;
  return p && isElement(p as Node) ? (p as Element) : undefined;
}

/** The nearest ancestor (or the element itself) that passes the test. */
export function closest(e: Element, test: (e: Element) => boolean): Element | undefined {
  for (let c: Element | undefined = e; c; c = parentOf(c)) if (test(c)) return c;
  return undefined;
}

/** A table's rows as cell elements (its own rows only, never a nested table's). */
export function rowsOf(table: Element): Element[][] {
  const rows: Element[][] = [];
  const walk = (n: Element): void => {
    for (const c of children(n)) {
      if (c.tagName === 'tr') rows.push(children(c, (x) => x.tagName === 'td' || x.tagName === 'th'));
      else if (c.tagName !== 'table') walk(c);
    }
  };
  walk(table);
  return rows;
}
