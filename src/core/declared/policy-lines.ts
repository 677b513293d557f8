import type { DeclaredSource } from './declared';
import { parseDuration } from './duration';
import { columnOf, lifetimeScore, nameScore } from './policy-columns';
import { nameLike, readNameCell } from './policy-cells';
import type { Cell, Line } from './policy-dom';
import type { Rows } from './policy-rows';

// Declarations written as entries rather than table rows: definition lists (`<dt><code>_ga</code>`
// then `<dd>`), label/value lists ("Name: _gid", "Expires in: 1 day", a row of two cells, an item
// of two blocks), an emphasised name followed by its fields (`<b>_ga</b><br>Dauer: 2 Jahre`), and
// "name: duration" items (`<li><strong>_ga</strong>: 2 years</li>`). A label is a field when the
// page repeats it from entry to entry ("Dauer", "Varaktighet"); a label that is a name-shaped word
// and appears once is an entry's name. The entries, grouped by their labels, are read like a table.

interface Entry {
  head?: Cell;
  fields: Map<string, Cell>;
  /** Free text after the head: a definition, a description with its lifetime in a sentence. */
  text: string[];
  line: number;
}

const LABEL = /^([^:\n]{1,40}?)\s*:\s*(.*)$/s;

function labelOf(line: Line): { label: string; value: string } | undefined {
  const m = LABEL.exec(line.text);
  if (!m) return undefined;
  const label = (m[1] as string).trim();
  if (label.split(/\s+/).length > 4 || /https?$|^\d|[()[\]{}'"=]/.test(label)) return undefined;
  return { label, value: (m[2] as string).trim() };
}

/** A lone name (or names) in emphasis, code or a term: the head of an entry. */
function headNames(line: Line, isKnownName: (n: string) => boolean): boolean {
  if (line.heading && !line.code.length) return false;
  const text = line.text.replace(/:$/, '');
  if (!line.head && !(line.code.length > 0 && line.code.join(' ').length >= text.replace(/[\s,]|and|et|und|och|og|i/g, '').length)) return false;
  const names = readNameCell(text).names;
  // "Functional, Marketing", "LinkedIn": titles and categories in bold, not cookie names.
  if (names.some((n) => /^\p{Lu}[\p{L}/]*$/u.test(n) && !/^\p{Lu}+$/u.test(n) && !isKnownName(n))) return false;
  return names.length > 0 && nameScore(text, isKnownName) > 0;
}

/** A label set as a heading or in bold above its value (`<h5>Nom</h5><div>__cfduid</div>`), when the page repeats it: one "label: value" line. */
function mergeLabels(lines: readonly Line[]): Line[] {
  const short = (l: Line): boolean => (l.head || l.heading) && l.text.length <= 40 && l.text.split(/\s+/).length <= 4 && !/[_#*]/.test(l.text);
  const counts = new Map<string, number>();
  for (const l of lines) if (short(l)) counts.set(l.text.toLowerCase(), (counts.get(l.text.toLowerCase()) ?? 0) + 1);
  const out: Line[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as Line;
    const next = lines[i + 1];
    if (short(l) && (counts.get(l.text.toLowerCase()) ?? 0) >= 2 && next && !next.heading && !(next.head && short(next) && (counts.get(next.text.toLowerCase()) ?? 0) >= 2)) {
      out.push({ text: `${l.text.replace(/:$/, '')}: ${next.text}`, code: next.code, head: false, heading: false });
      i++;
    } else out.push(l);
  }
  return out;
}

export function entriesFrom(all: readonly Line[], isKnownName: (n: string) => boolean): Rows[] {
  const lines = mergeLabels(all);
  // Labels the page repeats are field labels.
  const counts = new Map<string, number>();
  for (const l of lines) {
    const lv = labelOf(l);
    if (lv) counts.set(lv.label.toLowerCase(), (counts.get(lv.label.toLowerCase()) ?? 0) + 1);
  }
  // A repeated label shaped like a name ("_ga: 2 years" in two lists) is a name, not a field.
  // Consecutive items "bcookie: 1 year", "lidc: 1 day": distinct labels each with a lifetime are names, even when repeated.
  const inRun = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    let j = i;
    const run: string[] = [];
    for (; j < lines.length; j++) {
      const lv = labelOf(lines[j] as Line);
      if (!lv || lv.value.length > 40 || lifetimeScore(lv.value) < 1 || /\s/.test(lv.label) || columnOf(lv.label) || run.includes(lv.label)) break;
      run.push(lv.label);
    }
    if (run.length >= 2) run.forEach((l) => inRun.add(l.toLowerCase()));
    i = Math.max(i, j - 1);
  }
  const isField = (label: string): boolean => (counts.get(label.toLowerCase()) ?? 0) >= 2 && !nameLike(label) && !isKnownName(label) && !inRun.has(label.toLowerCase());
  // Among the field labels, the one whose values read as names starts an entry ("Name: _gid").
  const values = new Map<string, string[]>();
  for (const l of lines) {
    const lv = labelOf(l);
    if (lv && isField(lv.label)) values.set(lv.label.toLowerCase(), [...(values.get(lv.label.toLowerCase()) ?? []), lv.value]);
  }
  // The one label whose values read most as names.
  const avg = (vs: string[], f: (v: string) => number): number => vs.reduce((a, v) => a + f(v), 0) / vs.length;
  const ranked = [...values].map(([k, vs]) => [k, avg(vs, (v) => nameScore(v, isKnownName)), avg(vs, lifetimeScore)] as const).filter(([, n, l]) => n >= 0.6 && l < 0.5).sort((a, b) => b[1] - a[1]);
  const nameLabels = new Set(ranked.slice(0, 1).map(([k]) => k));

  const entries: Entry[] = [];
  let current: Entry | undefined;
  lines.forEach((l, i) => {
    const lv = labelOf(l);
    if (lv && isField(lv.label)) {
      const key = lv.label.toLowerCase();
      const cell = { text: lv.value, code: l.code };
      if (nameLabels.has(key) || !current || current.fields.has(key)) {
        current = { fields: new Map(), text: [], line: i };
        entries.push(current);
      }
      current.fields.set(key, cell);
      return;
    }
    // "_ga: 2 years", "<strong>lbsession</strong>: shares the load… kept for the session": a name and what follows.
    if (lv && !isField(lv.label) && /^\S+$/.test(lv.label) && nameScore(lv.label, isKnownName) > 0 && (l.head || l.text.startsWith(lv.label)) && (lifetimeScore(lv.value) > 0 || nameLike(lv.label) || l.code.length > 0 || /^[a-z]/.test(lv.label))) {
      if (!(/^[A-Z][a-z]+$/.test(lv.label) && !isKnownName(lv.label))) {
        current = { head: { text: lv.label, code: l.code }, fields: new Map(), text: [lv.value], line: i };
        entries.push(current);
        return;
      }
    }
    if (headNames(l, isKnownName)) {
      current = { head: { text: l.text.replace(/:$/, ''), code: l.code }, fields: new Map(), text: [], line: i };
      entries.push(current);
      return;
    }
    if (l.heading) {
      current = undefined;
      return;
    }
    // A definition or a sentence right after a head belongs to it.
    if (current?.head && current.fields.size === 0 && i - current.line <= 3) current.text.push(l.text);
    else if (current && current.fields.size > 0) current = current.head ? current : current;
  });

  const kept = entries.filter((e) => e.head || [...e.fields.keys()].some((k) => nameLabels.has(k)));
  if (kept.length === 0) return [];
  // One table: a column per field label, the heads as the name column, the free text as a description.
  const labels = [...new Set(kept.flatMap((e) => [...e.fields.keys()].filter((k) => !nameLabels.has(k))))];
  const nameLabel = [...nameLabels][0];
  const header = ['name', ...labels, ''];
  const rows: Cell[][] = kept.map((e) => {
    const name = e.head ?? (nameLabel ? [...nameLabels].map((k) => e.fields.get(k)).find((c) => c) : undefined) ?? { text: '', code: [] };
    const text = e.text.join(' ');
    return [name, ...labels.map((k) => e.fields.get(k) ?? { text: '', code: [] }), { text, code: [] }];
  });
  // Free text that states a lifetime in a sentence: its lifetime goes in a column of its own.
  const withLife = rows.map((r, k) => {
    const e = kept[k] as Entry;
    const text = e.text.join(' ');
    return [...r, { text: lifetimeIn(text), code: [] }];
  });
  const source = (r: number): DeclaredSource => ({ kind: 'list', item: (kept[r] as Entry).line + 1 });
  return [{ header: [...header, 'duration'], rows: withLife, where: 'List', source }];
}

/** The lifetime a sentence states: its first figure with a unit ("i ett år"), else a word such as "session". */
export function lifetimeIn(text: string): string {
  if (text === '') return '';
  for (const clause of text.split(/(?<=[.;!?])\s+|\n/)) {
    if (parseDuration(clause).kind === 'fixed') return clause.trim();
  }
  for (const clause of text.split(/(?<=[.;!?])\s+|\n/)) {
    if (lifetimeScore(clause) === 1) return clause.trim();
  }
  return '';
}
