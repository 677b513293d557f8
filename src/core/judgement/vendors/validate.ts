import { GROUPS, KNOWN_CATEGORIES, WHERE, type VendorFile } from './types';
import { hasPlaceholder, matchable, patternRegExp } from './pattern';

// The rules every file of the knowledge base keeps (checked by its test and by `cookie-db --check`):
// a source for every entry, categories and places from the allowed sets, unique ids, names that
// compile and cannot match loosely.

const URL_RE = /^https?:\/\/\S+$/;
const SLUG = /^[a-z0-9][a-z0-9-]*$/;
const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/;
/** Characters a cookie name may hold besides placeholders (RFC 6265 token, as vendors write them). */
const NAME_CHARS = /^[!#$%&'*+\-.^_`|~0-9A-Za-z/:@]+$/;

export interface Validation {
  /** Broken entries: the files must be fixed. */
  errors: string[];
  /** Entries classification leaves out: documented, but a pattern too loose to match without guessing. */
  leftOut: string[];
}

export function validateVendorFiles(files: readonly { file: string; data: unknown }[]): Validation {
  const problems: string[] = [];
  const leftOut: string[] = [];
  const ids = new Map<string, string>();
  for (const { file, data } of files) {
    const f = data as Partial<VendorFile>;
    const say = (where: string, what: string): void => void problems.push(`${file}: ${where}: ${what}`);
    if (!f || typeof f !== 'object' || !GROUPS.includes(f.group as never)) {
      say('group', `"${String(f?.group)}" is not one of ${GROUPS.join(', ')}`);
      continue;
    }
    if (!Array.isArray(f.vendors)) {
      say('vendors', 'is not a list');
      continue;
    }
    for (const v of f.vendors) {
      const at = `vendor ${JSON.stringify(v?.id)}`;
      if (typeof v?.id !== 'string' || !SLUG.test(v.id)) say(at, 'id is not a lowercase slug');
      else if (ids.has(v.id)) say(at, `id already used in ${ids.get(v.id)}`);
      else ids.set(v.id, file);
      if (typeof v?.name !== 'string' || v.name.trim() === '') say(at, 'has no name');
      if (!Array.isArray(v?.domains) || v.domains.some((d) => typeof d !== 'string' || !DOMAIN.test(d))) say(at, 'domains must be a list of lowercase domains');
      if (typeof v?.source !== 'string' || !URL_RE.test(v.source)) say(at, 'source is not a URL');
      const entries = [
        ...(v?.cookies ?? []).map((c) => ({ ...c, key: c.name, what: `cookie ${JSON.stringify(c.name)}` })),
        ...(v?.storage ?? []).map((s) => ({ ...s, what: `${s.kind} key ${JSON.stringify(s.key)}` })),
      ];
      // A vendor with no documented cookie still names its domains for the setter rule (category unknown).
      for (const e of entries) {
        const where = `${at}, ${e.what}`;
        if (typeof e.key !== 'string' || e.key === '') {
          say(where, 'has no name');
          continue;
        }
        if (!KNOWN_CATEGORIES.includes(e.category)) say(where, `category "${String(e.category)}" is not one of ${KNOWN_CATEGORIES.join(', ')}`);
        if (!WHERE.includes(e.where)) say(where, `where "${String(e.where)}" is not one of ${WHERE.join(', ')}`);
        if (typeof e.purpose !== 'string' || e.purpose.trim() === '') say(where, 'has no purpose');
        if (e.source !== undefined && !URL_RE.test(e.source)) say(where, 'source is not a URL');
        if (e.consentRecord && e.category !== 'necessary') say(where, 'a consent record is "necessary"');
        if ('kind' in e && !['localStorage', 'sessionStorage', 'indexedDB'].includes(e.kind)) say(where, `kind "${String(e.kind)}" is not a storage area`);
        if (hasPlaceholder(e.key)) {
          if (!matchable(e.key)) leftOut.push(`${file}: ${where}: too little fixed text to match without guessing (left out)`);
          try {
            patternRegExp(e.key);
          } catch {
            say(where, 'does not compile');
          }
        }
        if (!('kind' in e) && !NAME_CHARS.test(e.key.replace(/\{[^{}]+\}/g, 'x'))) say(where, 'is not a cookie name');
      }
    }
  }
  return { errors: problems, leftOut };
}
