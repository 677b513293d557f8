import { parseDuration } from './duration';

// The cookie names a policy's name cell lists: "_hjSessionUser; _hjid", "any cookie starting with
// `_hs`", "_pk_ses, _pk_cvar and _pk_hsr", "_ga / _gid", "mtm_consent (or mtm_consent_removed)",
// "CookieConsent [x17]" (a count of domains, not part of the name), "_pk_id+premenné číslo" (a
// placeholder in words). A cell that describes cookies instead of naming them ("Unique name
// (dynamically generated)", "All cookies of the service") gives no name: its words are not cookies,
// and the reader reports the row instead. And the lifetimes a cell lists, one per name.

// Words between names, in the languages of the EU, Norway, Iceland and Turkey, and words that say "cookie(s)".
const NOT_NAMES = new Set([
  'cookie', 'cookies', 'and', 'or', 'et', 'ou', 'the', 'le', 'la', 'les', 'de', 'du', 'des', 'any', 'all', 'tous', 'tout',
  'und', 'oder', 'bzw', 'sowie', 'y', 'o', 'e', 'ed', 'en', 'of', 'etc', 'also', 'i', 'și', 'si', 'sau', 'og', 'eller', 'och', 'ja', 'tai', 'és', 'vagy',
  'an', 'ir', 'arba', 'un', 'vai', 'in', 'ali', 'lub', 'albo', 'nebo', 'alebo', 'ili', 'и', 'или', 'και', 'ή', 've', 'veya', 'eða', 'agus', 'jew', 'oraz',
]);

const PREFIX = /(?:cookies?|names?|noms?)?\s*(?:starting|beginning|prefixed|commen[çc]ant|d[ée]butant|pr[ée]fix[ée]s?|beginnend|die mit)\s+(?:with|by|par|mit)?\s*[`'"«“‘]?\s*([^\s`'"»”’,;]+)/gi;
// Between names: ; , | a line break, or a slash with spaces around it ("_ga / _gid"); a slash
// inside a word is part of the name (a pixel's path, `pagead/1p-user-list/#`).
const LIST_SEPARATORS = /[;,|\n]+|\s\/\s/;
const NAME_CHARS = /^[A-Za-z0-9_\-.$!#%&+^|~*:@/]+$/;
// "[x17]", "(x2)": how many domains set it, not part of its name.
const COUNT = /\s*[[(]x\s*\d+[\])]/gi;

/** A token without the quotes and punctuation around it. */
export const strip = (token: string): string => token.replace(/^[`'"«“‘(]+|[`'"»”’).:,;]+$/g, '');

/** A token that can only be a name: separators, digits, a `*` or `#`, camelCase or a run of capitals. */
export function nameLike(token: string): boolean {
  return /[_\-.*#0-9$]/.test(token) || /[a-z][A-Z]/.test(token) || /^[A-Z]{2,}$/.test(token);
}

/** A token that reads as a word of prose. */
function proseWord(token: string): boolean {
  return /^\p{L}{2,}$/u.test(token) && !nameLike(token);
}

/** A list segment that describes cookies in words: three words of prose or more, and more of them than names. */
function isDescription(segment: string): boolean {
  const tokens = segment.split(/\s+/).map(strip).filter((t) => t !== '');
  const prose = tokens.filter(proseWord).length;
  return prose >= 3 && prose > tokens.filter(nameLike).length;
}

export interface CellNames {
  names: string[];
  /** Parts of the cell that describe cookies rather than name them. */
  descriptions: string[];
}

/** The names (or patterns) a cell lists, and what in it only describes cookies. */
export function readNameCell(cell: string): CellNames {
  // "_ga_<container-id>" -> "_ga_*", "_pk_ *" -> "_pk_*": placeholders are written with spaces inside.
  let text = cell.replace(COUNT, '').replace(/<[^>]*>|\[[^\]]*\]|\{[^}]*\}/g, '*').replace(/(\S)[ \t]+\*/g, '$1*');
  const names: string[] = [];
  const descriptions: string[] = [];
  text = text.replace(PREFIX, (_m, p: string) => {
    names.push(p.replace(/\*+$/, '') + '*');
    return ' , ';
  });
  for (const segment of text.split(LIST_SEPARATORS)) {
    // "_pk_ses+premenné číslo": a name whose variable part is described in words after a "+".
    const plus = /^\s*([A-Za-z0-9_\-.$#]+\+\s*\p{L}[\p{L}_ ]*)\s*$/u.exec(segment);
    if (plus) {
      names.push((plus[1] as string).trim());
      continue;
    }
    // "Google Fonts API", "Google reCAPTCHA": a service's title in words, not a list of names.
    const words = segment.split(/\s+/).map(strip).filter((w) => w !== '' && !NOT_NAMES.has(w.toLowerCase()));
    if (words.length >= 2 && words.some((w) => /^\p{Lu}\p{Ll}{2,}$/u.test(w))) {
      descriptions.push(segment.trim());
      continue;
    }
    if (isDescription(segment)) {
      descriptions.push(segment.trim());
      continue;
    }
    for (const raw of segment.split(/\s+/)) {
      // "_pk_id." is Matomo's prefix, written with its dot; "JSESSIONID." ends a sentence.
      const token = /^[^.]*[_.][^.]*\.$/.test(raw) && /[_]/.test(raw) ? raw.replace(/^[`'"«“‘(]+/, '') : strip(raw);
      // An address is where a cookie's provider explains it, not a cookie.
      if (/^(?:https?:|www\.)/i.test(token)) continue;
      if (token === '' || NOT_NAMES.has(token.toLowerCase())) continue;
      if (!NAME_CHARS.test(token) || !/[A-Za-z0-9]/.test(token.replace(/^[*#]+|[*#]+$/g, '') || 'x') || /^\d+$/.test(token)) continue;
      names.push(token);
    }
  }
  return { names: [...new Set(names)], descriptions };
}

/** The cookie names a cell lists (see readNameCell). */
export function namesInCell(cell: string): string[] {
  return readNameCell(cell).names;
}

/**
 * The lifetime of each of `count` names from one lifetime cell: "364 Days, 364 Days" gives each
 * name its own; a cell with one lifetime gives it to all; "_ga: 2 years, _gid: 1 day" by name.
 */
export function lifetimesFor(cell: string, names: readonly string[]): string[] | undefined {
  const text = cell.trim();
  if (text === '' || names.length < 2) return undefined;
  const byName = new Map<string, string>();
  for (const part of text.split(/[;\n,]/)) {
    const m = /^\s*([^:\s]+)\s*:\s*(.+)$/.exec(part);
    if (m && names.includes(m[1] as string)) byName.set(m[1] as string, (m[2] as string).trim());
  }
  if (byName.size > 0) return names.map((n) => byName.get(n) ?? '');
  const parts = text.split(/\s*[;\n,]\s*|\s+\/\s+/).filter((p) => p !== '');
  if (parts.length === names.length && parts.every((p) => parseDuration(p).kind !== 'unparsed')) return parts;
  return undefined;
}
