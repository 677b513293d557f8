import { compileName, type DeclaredCookie, type DeclaredList, type DeclaredProvider, type DeclaredSource, type DeclaredStorage } from './declared';
import type { DeclaredCategory } from './policy-columns';
import { parseDuration } from './duration';
import { LocalizedError } from '../text/i18n';

// The JSON file form of a declared list (docs/declared-list.schema.json), checked field by field so
// that a bad file is refused with a message that points at the entry, and nothing half-read is used.

export const DECLARED_LIST_SCHEMA = 'cookie-auditor/declared-list@1';

export class DeclaredListError extends LocalizedError {}

const MAX_ENTRIES = 5_000;
const MAX_TEXT = 2_000;

function text(v: unknown, where: string, required: boolean): string {
  if (v === undefined && !required) return '';
  if (typeof v !== 'string') throw new DeclaredListError(required ? 'err_dl_not_string' : 'err_dl_not_string_opt', where);
  if (v.length > MAX_TEXT) throw new DeclaredListError('err_dl_too_long', where, MAX_TEXT);
  return v;
}

const CATEGORIES: readonly DeclaredCategory[] = ['necessary', 'functional', 'analytics', 'advertising'];

function category(v: unknown, where: string): DeclaredCategory | undefined {
  if (v === undefined) return undefined;
  if (!CATEGORIES.includes(v as DeclaredCategory)) throw new DeclaredListError('err_dl_category', where, CATEGORIES.join(', '));
  return v as DeclaredCategory;
}

/** Providers the policy names without their cookies (optional). */
function providers(v: unknown): DeclaredProvider[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new DeclaredListError('err_dl_providers_array');
  if (v.length > MAX_ENTRIES) throw new DeclaredListError('err_dl_too_many', v.length, MAX_ENTRIES);
  return v.map((raw: unknown, i: number) => {
    const where = `providers[${i}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new DeclaredListError('err_dl_entry_object', where);
    const r = raw as Record<string, unknown>;
    const provider = text(r.provider, `${where}.provider`, true).trim();
    if (provider === '') throw new DeclaredListError('err_dl_not_string', `${where}.provider`);
    const p: DeclaredProvider = { provider, function: text(r.function, `${where}.function`, false), purpose: text(r.purpose, `${where}.purpose`, false) };
    const c = category(r.category, `${where}.category`);
    if (c) p.category = c;
    return p;
  });
}

const STORAGE_KINDS: ReadonlyArray<DeclaredStorage['kind']> = ['localStorage', 'sessionStorage', 'indexedDB'];

/** Browser storage the policy declares (optional): a kind and a key (or pattern) each. */
function storage(v: unknown): DeclaredStorage[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new DeclaredListError('err_dl_storage_array');
  if (v.length > MAX_ENTRIES) throw new DeclaredListError('err_dl_too_many', v.length, MAX_ENTRIES);
  return v.map((raw: unknown, i: number) => {
    const where = `storage[${i}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new DeclaredListError('err_dl_entry_object', where);
    const r = raw as Record<string, unknown>;
    if (!STORAGE_KINDS.includes(r.kind as DeclaredStorage['kind'])) throw new DeclaredListError('err_dl_storage_kind', `${where}.kind`, STORAGE_KINDS.join(', '));
    const key = text(r.key, `${where}.key`, true).trim();
    try {
      compileName(key);
    } catch (e) {
      throw new DeclaredListError('err_dl_name', where, e instanceof LocalizedError ? e : (e as Error).message);
    }
    const d: DeclaredStorage = { kind: r.kind as DeclaredStorage['kind'], key, provider: text(r.provider, `${where}.provider`, false), purpose: text(r.purpose, `${where}.purpose`, false) };
    const duration = text(r.duration, `${where}.duration`, false);
    if (duration) d.duration = duration;
    return d;
  });
}

/** Where an entry was read from (optional); kept only when it has the shape the reader writes. */
function source(v: unknown): DeclaredSource | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const r = v as Record<string, unknown>;
  const str = (x: unknown): x is string => typeof x === 'string' && x.length <= MAX_TEXT;
  const num = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x > 0;
  if (r.kind === 'cmp' && str(r.cmp) && str(r.where)) return { kind: 'cmp', cmp: r.cmp, where: r.where };
  if (r.kind === 'json' && str(r.cmp) && str(r.path)) return { kind: 'json', cmp: r.cmp, path: r.path };
  if (r.kind === 'table' && num(r.table) && num(r.row) && num(r.cell)) return { kind: 'table', table: r.table, row: r.row, cell: r.cell };
  if (r.kind === 'list' && num(r.item)) return { kind: 'list', item: r.item };
  if (r.kind === 'prose' && num(r.sentence)) return { kind: 'prose', sentence: r.sentence };
  return undefined;
}

export function parseDeclaredList(json: string, fallbackSource: string): DeclaredList {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    throw new DeclaredListError('err_dl_json', (e as Error).message);
  }
  return listOf(data, fallbackSource, true);
}

function listOf(data: unknown, fallbackSource: string, outer: boolean): DeclaredList {
  // A bare array of cookies is accepted too: the simplest list one can write by hand.
  const obj = (Array.isArray(data) ? { cookies: data } : data) as Record<string, unknown> | null;
  if (typeof obj !== 'object' || obj === null) throw new DeclaredListError('err_dl_expected_object');
  if (obj.schema !== undefined && obj.schema !== DECLARED_LIST_SCHEMA) {
    throw new DeclaredListError('err_dl_schema', JSON.stringify(obj.schema), DECLARED_LIST_SCHEMA);
  }
  if (!Array.isArray(obj.cookies)) throw new DeclaredListError('err_dl_cookies_array');
  if (obj.cookies.length > MAX_ENTRIES) throw new DeclaredListError('err_dl_too_many', obj.cookies.length, MAX_ENTRIES);
  const cookies: DeclaredCookie[] = obj.cookies.map((raw: unknown, i: number) => {
    const where = `cookies[${i}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new DeclaredListError('err_dl_entry_object', where);
    const r = raw as Record<string, unknown>;
    const name = text(r.name, `${where}.name`, true).trim();
    try {
      compileName(name);
    } catch (e) {
      throw new DeclaredListError('err_dl_name', where, e instanceof LocalizedError ? e : (e as Error).message);
    }
    const d: DeclaredCookie = {
      name,
      provider: text(r.provider, `${where}.provider`, false),
      function: text(r.function, `${where}.function`, false),
      purpose: text(r.purpose, `${where}.purpose`, false),
    };
    const duration = text(r.duration, `${where}.duration`, false);
    if (duration) {
      d.duration = duration;
      d.lifetime = parseDuration(duration);
    }
    const c = category(r.category, `${where}.category`);
    if (c) d.category = c;
    if (r.readFrom === 'prose') d.readFrom = 'prose';
    const from = source(r.from);
    if (from) d.from = from;
    return d;
  });
  const list: DeclaredList = {
    name: text(obj.name, '"name"', false) || 'Imported list',
    source: text(obj.source, '"source"', false) || fallbackSource,
    cookies,
  };
  const declaredProviders = providers(obj.providers);
  if (declaredProviders.length > 0) list.providers = declaredProviders;
  const declaredStorage = storage(obj.storage);
  if (declaredStorage.length > 0) list.storage = declaredStorage;
  if (obj.declaredBy === 'consent-manager' || obj.declaredBy === 'policy') list.declaredBy = obj.declaredBy;
  const foundBy = text(obj.foundBy, '"foundBy"', false);
  if (foundBy) list.foundBy = foundBy;
  // The consent manager's own declaration read alongside: a list of its own, one level deep.
  if (outer && obj.consentManager !== undefined) list.consentManager = listOf(obj.consentManager, fallbackSource, false);
  return list;
}

export function serializeDeclaredList(list: DeclaredList): string {
  const cookies = list.cookies.map((c) => {
    const out: Record<string, string> = { name: c.name, provider: c.provider, function: c.function, purpose: c.purpose };
    if (c.duration) out.duration = c.duration;
    if (c.category) out.category = c.category;
    if (c.readFrom) out.readFrom = c.readFrom;
    return c.from ? { ...out, from: c.from } : out;
  });
  const providers = list.providers && list.providers.length > 0 ? { providers: list.providers } : {};
  const stored = list.storage && list.storage.length > 0 ? { storage: list.storage } : {};
  const who = list.declaredBy ? { declaredBy: list.declaredBy } : {};
  const found = list.foundBy ? { foundBy: list.foundBy } : {};
  const cm = list.consentManager ? { consentManager: JSON.parse(serializeDeclaredList({ ...list.consentManager, consentManager: undefined })) as unknown } : {};
  return JSON.stringify({ schema: DECLARED_LIST_SCHEMA, name: list.name, source: list.source, cookies, ...providers, ...stored, ...who, ...found, ...cm }, null, 2) + '\n';
}
