import { columnOf, type Column } from '../policy-columns';
import { isElement, lineOf, textOf, type Element, type Node } from './dom';

// Declarations that give each entry as label/value pairs ("Name:" _ga, "Expiry:" 2 years), in a
// small table or a list: the label says what the value is, in the page's language.

export type Field = Column | 'host' | 'service';

// Labels the policy reader's column words do not cover, and that consent managers use.
const EXTRA: Array<[Field, RegExp]> = [
  ['host', /^(?:host|domain|domaine|dom[ée]na?|dominio|domein)$/],
  ['service', /^(?:service|dienst|servizio|servicio|služba)$/],
];

/** What a label names: "Name:", "Expires in:", "Cookie Laufzeit", "Anbieter". */
export function fieldOf(label: string): Field | undefined {
  const l = label.toLowerCase().normalize('NFC').replace(/[:：]\s*$/, '').trim();
  if (l === '') return undefined;
  const extra = EXTRA.find(([, re]) => re.test(l))?.[0];
  if (extra) return extra;
  return columnOf(l);
}

/** A table whose rows are `th label | td value` pairs, read into a map of fields (first value wins). */
export function pairsOfTable(table: Element, rows: Element[][]): Map<Field, Element> {
  void table;
  const out = new Map<Field, Element>();
  for (const cells of rows) {
    if (cells.length < 2) continue;
    const field = fieldOf(lineOf(cells[0]));
    if (field && !out.has(field)) out.set(field, cells[1] as Element);
  }
  return out;
}

/** Each heading's text before each target element, in document order. */
export function headingsBefore(doc: Node, isTarget: (e: Element) => boolean): Map<Element, string> {
  const out = new Map<Element, string>();
  let heading = '';
  const walk = (n: Node): void => {
    if (!('childNodes' in n)) return;
    for (const c of n.childNodes) {
      if (!isElement(c)) continue;
      if (/^h[1-6]$/.test(c.tagName)) heading = textOf(c).replace(/\s+/g, ' ').replace(/[:：]\s*$/, '').trim();
      if (isTarget(c)) out.set(c, heading);
      else walk(c);
    }
  };
  walk(doc);
  return out;
}
