import { compileName, type DeclaredCookie, type DeclaredProvider, type DeclaredSource, type DeclaredStorage } from './declared';
import { parseDuration } from './duration';
import { categoryOf, kindOfType, lifetimeScore, nameScore, rolesOf, storageKindOf, type Roles } from './policy-columns';
import { lifetimesFor, readNameCell } from './policy-cells';
import type { Cell } from './policy-dom';
import { messageOf, type Translate } from '../text/i18n';

// Rows of declared entries, however the page lays them out (a table's rows, or label/value entries
// grouped by their labels), turned into declared cookies, storage, pixels and providers. What each
// column holds is read from its cells (policy-columns.ts); each entry keeps where it was read from.

export interface Collected {
  cookies: DeclaredCookie[];
  providers: DeclaredProvider[];
  storage: DeclaredStorage[];
  /** Rows whose type is a pixel or tracker: they declare no cookie. */
  pixels: string[];
  problems: string[];
}

export interface Rows {
  header: string[];
  rows: Cell[][];
  /** "Table 2", "List 1": for problems. */
  where: string;
  /** Where row r (from 0), cell c (from 0) was read from. */
  source: (r: number, c: number) => DeclaredSource;
  /** The heading above, for the category. */
  heading?: string;
}

/** A cell's names: the cell's own text, or, when the text holds none, what it sets in code. */
function namesOf(cell: Cell): { names: string[]; descriptions: string[] } {
  const own = readNameCell(cell.text);
  if (own.names.length > 0 || cell.code.length === 0) return own;
  const code = cell.code.flatMap((c) => readNameCell(c).names);
  return { names: [...new Set(code)], descriptions: [] };
}

/** The row's lifetime: its duration cell, or else a short cell elsewhere in the row that reads as one (a row shifted one column). */
function lifetimeCell(row: Cell[], roles: Roles): string {
  const own = roles.duration !== undefined ? (row[roles.duration]?.text ?? '') : '';
  if (lifetimeScore(own) > 0) return own;
  const shifted = row.find((c, k) => k !== roles.name && c.text.length <= 40 && lifetimeScore(c.text) === 1);
  return shifted?.text ?? own;
}

export function readRows(table: Rows, out: Collected, t: Translate, isKnownName: (n: string) => boolean): boolean {
  const { header, rows, where } = table;
  const roles = rolesOf(header, rows.map((r) => r.map((c) => c.text)), isKnownName);
  if (roles.name === undefined) return false;
  const nameAt = roles.name;
  const at = (row: Cell[], i: number | undefined): string => (i === undefined ? '' : (row[i]?.text ?? '').trim());
  const headingCategory = table.heading ? categoryOf(table.heading) : undefined;
  rows.forEach((row, r) => {
    const nameCell = row[nameAt] ?? { text: '', code: [] };
    if (row.every((c) => c.text.trim() === '')) return;
    // A header or title row inside the body: its name cell is no name and its lifetime cell no lifetime.
    if (nameScore(nameCell.text, isKnownName) === 0 && nameCell.code.length === 0 && lifetimeScore(at(row, roles.duration)) === 0) {
      if (new Set(row.map((c) => c.text)).size === 1) return;
    }
    const provider = at(row, roles.provider);
    const fields = { provider, function: at(row, roles.function), purpose: at(row, roles.purpose) };
    const duration = lifetimeCell(row, roles);
    const typeText = at(row, roles.type);
    const category = categoryOf(at(row, roles.category)) ?? headingCategory;
    const kind = kindOfType(typeText) ?? (storageKindOf(nameCell.text) ? 'localStorage' : undefined);
    const source = table.source(r, nameAt);
    if (kind === 'pixel') {
      out.pixels.push(...readNameCell(nameCell.text).names);
      out.problems.push(t('pol_pixel_row', where, r + 1, nameCell.text.slice(0, 80)));
      return;
    }
    const storageKind = storageKindOf(nameCell.text) ?? (kind && kind !== 'cookie' ? kind : undefined) ?? storageKindOf(typeText);
    if (storageKind) {
      for (const key of readNameCell(nameCell.text.replace(/^(?:localStorage|sessionStorage|indexedDB)[:.]\s*/i, '')).names) {
        out.storage.push({ kind: storageKind, key, provider, purpose: fields.purpose || fields.function, ...(duration ? { duration } : {}), from: source });
      }
      out.problems.push(t('pol_storage_row', where, r + 1, nameCell.text.slice(0, 80)));
      return;
    }
    const { names, descriptions } = namesOf(nameCell);
    for (const d of descriptions) out.problems.push(t('pol_description', where, r + 1, d.slice(0, 80)));
    if (names.length === 0) {
      if (provider !== '' && descriptions.length === 0) {
        out.providers.push({ ...fields, ...(category ? { category } : {}), from: source });
        out.problems.push(t('pol_provider_only', where, r + 1, provider.slice(0, 80)));
      } else if (descriptions.length === 0) {
        out.problems.push(t('pol_no_name', where, r + 1, nameCell.text.slice(0, 80)));
      }
      return;
    }
    const own = lifetimesFor(duration, names);
    // Several names and several lifetimes that do not pair up: each name gets the row's first, and the auditor is told.
    const stated = duration.split(/\s*[;\n,]\s*/).filter((p) => lifetimeScore(p) === 1).length;
    if (!own && names.length > 1 && stated > 1) out.problems.push(t('pol_lifetimes_mismatch', where, r + 1, names.length, stated));
    names.forEach((name, k) => {
      try {
        compileName(name);
      } catch (e) {
        out.problems.push(t('pol_bad_name', where, r + 1, messageOf(e, t)));
        return;
      }
      const d: DeclaredCookie = { name, ...fields, from: source };
      if (category) d.category = category;
      const life = own ? (own[k] as string) : duration;
      if (life) {
        d.duration = life;
        d.lifetime = parseDuration(life);
        if (d.lifetime.kind === 'unparsed') out.problems.push(t('pol_bad_duration', where, r + 1, life.slice(0, 80), name));
      }
      out.cookies.push(d);
    });
  });
  return true;
}
