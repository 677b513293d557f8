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
  // "Cookie Laufzeit", "Cookie Expiry": the word "cookie" says nothing of what the value is.
  const l = label.toLowerCase().normalize('NFC').replace(/[:：]\s*$/, '').replace(/^cookie[- ](?=\S)/, '').trim();
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

/**
 * Entries written as a bold name followed by "Label: value" lines, as sites write them into a consent
 * manager's free-text descriptions: <b>_ga</b><br>Set by: Google<br>Duration: 2 years.
 */
export function labelledEntries(container: Node): Array<{ name: string; fields: Map<Field, string> }> {
  const out: Array<{ name: string; fields: Map<Field, string> }> = [];
  let line = '';
  const endLine = (): void => {
    const m = /^([^:：]{2,40})[:：]\s*(.+)$/.exec(line.replace(/\s+/g, ' ').trim());
    line = '';
    const entry = out[out.length - 1];
    if (!m || !entry) return;
    const field = fieldOf(m[1] as string) ?? setBy(m[1] as string);
    if (field && !entry.fields.has(field)) entry.fields.set(field, (m[2] as string).trim());
  };
  const walk = (n: Node): void => {
    if (!('childNodes' in n)) return;
    for (const ch of n.childNodes) {
      if (ch.nodeName === '#text') line += (ch as unknown as { value: string }).value;
      else if (isElement(ch)) {
        if (ch.tagName === 'b' || ch.tagName === 'strong') {
          endLine();
          out.push({ name: lineOf(ch), fields: new Map() });
        } else if (ch.tagName === 'br') endLine();
        else if (['p', 'div', 'li'].includes(ch.tagName)) {
          endLine();
          walk(ch);
          endLine();
        } else walk(ch);
      }
    }
  };
  walk(container);
  endLine();
  return out.filter((e) => e.name !== '');
}

// "Set by" in the languages descriptions are written in: who sets the cookie is its provider.
function setBy(label: string): Field | undefined {
  return /^(?:set by|placed by|gesetzt von|d[ée]pos[ée] par|plac[ée] par|impostato da|colocad[ao] por|geplaatst door|ustawiany przez)$/i.test(label.trim()) ? 'provider' : undefined;
}
