// The cookie names a policy's name cell lists: "_hjSessionUser; _hjid", "any cookie starting with
// `_hs`", "_pk_ses, _pk_cvar, _pk_hsr", "mtm_consent (or mtm_consent_removed)". A cell that
// describes cookies instead of naming them ("Unique name (dynamically generated)", "All cookies of
// the service") gives no name: its words are not cookies, and the reader reports the row instead.

// Words between names, in the six languages the reader knows, and words that say "cookie(s)".
const NOT_NAMES = new Set([
  'cookie', 'cookies', 'and', 'or', 'et', 'ou', 'the', 'le', 'la', 'les', 'de', 'du', 'des', 'any', 'all', 'tous', 'tout',
  'und', 'oder', 'bzw', 'sowie', 'y', 'o', 'e', 'ed', 'en', 'of', 'etc', 'also',
]);

const PREFIX = /(?:cookies?|names?|noms?)?\s*(?:starting|beginning|prefixed|commen[çc]ant|d[ée]butant|pr[ée]fix[ée]s?|beginnend|die mit)\s+(?:with|by|par|mit)?\s*[`'"«“‘]?\s*([^\s`'"»”’,;]+)/gi;
const LIST_SEPARATORS = /[;,|\n]+/;
const NAME_CHARS = /^[A-Za-z0-9_\-.$!#%&+^|~*:]+$/;

/** A token without the quotes and punctuation around it. */
const strip = (token: string): string => token.replace(/^[`'"«“‘(]+|[`'"»”’).:]+$/g, '');

/** A token that can only be a name: separators, digits, a `*`, camelCase or a run of capitals. */
function nameLike(token: string): boolean {
  return /[_\-.*0-9$]/.test(token) || /[a-z][A-Z]/.test(token) || /^[A-Z]{3,}$/.test(token);
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
  let text = cell.replace(/<[^>]*>|\[[^\]]*\]|\{[^}]*\}/g, '*').replace(/(\S)[ \t]+\*/g, '$1*');
  const names: string[] = [];
  const descriptions: string[] = [];
  text = text.replace(PREFIX, (_m, p: string) => {
    names.push(p.replace(/\*+$/, '') + '*');
    return ' , ';
  });
  for (const segment of text.split(LIST_SEPARATORS)) {
    if (isDescription(segment)) {
      descriptions.push(segment.trim());
      continue;
    }
    for (const raw of segment.split(/[\s/]+/)) {
      const token = strip(raw);
      if (token === '' || NOT_NAMES.has(token.toLowerCase())) continue;
      if (!NAME_CHARS.test(token)) continue;
      names.push(token);
    }
  }
  return { names: [...new Set(names)], descriptions };
}

/** The cookie names a cell lists (see readNameCell). */
export function namesInCell(cell: string): string[] {
  return readNameCell(cell).names;
}
