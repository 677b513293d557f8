import { compileName, type DeclaredCookie, type DeclaredList } from './declared';
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

export function parseDeclaredList(json: string, fallbackSource: string): DeclaredList {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    throw new DeclaredListError('err_dl_json', (e as Error).message);
  }
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
    return d;
  });
  return {
    name: text(obj.name, '"name"', false) || 'Imported list',
    source: text(obj.source, '"source"', false) || fallbackSource,
    cookies,
  };
}

export function serializeDeclaredList(list: DeclaredList): string {
  const cookies = list.cookies.map((c) => {
    const out: Record<string, string> = { name: c.name, provider: c.provider, function: c.function, purpose: c.purpose };
    if (c.duration) out.duration = c.duration;
    return out;
  });
  return JSON.stringify({ schema: DECLARED_LIST_SCHEMA, name: list.name, source: list.source, cookies }, null, 2) + '\n';
}
