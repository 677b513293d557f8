// How policies write one name that stands for many: `*` patterns, and the placeholders real
// policies put where a vendor's name varies (`_ga_xxx`, `_gcl_XXXX`, `_ga_<ID>`, `_ga_[id]`,
// `_ga_{container}`, a trailing `_` as in `_ga_`, `_pk_ *` with a space, `_ga_#`). Each becomes a `*`
// pattern; any other name is exact and matches only itself.

// Brackets of any kind after a separator hold a placeholder's description: `<container id>`,
// `[id]`, `{container}`. A name that is nothing but brackets (or markup) stays a plain string.
const BRACKETED = /(?<=[_.-])(?:<[\w\s-]*>|\[[\w\s-]*\]|\{[\w\s-]*\})/g;
// Three or more x between separators: `_ga_XXXXXXX`, `_gac_xxx`, `_pk_id.xxx.xxx`.
const X_RUN = /(?<=[_.-])[xX]{3,}(?=$|[_.-])/g;

// `#` where the vendor's number goes (Cookiebot's `_ga_#`, `_gd###`), a trailing run of four x or
// more (`ASPSESSIONIDXXXXXXXX`, `_gclxxxx`), and "+ words" naming the variable part
// (`_pk_id+premenné_číslo`): placeholders too.
const HASH_RUN = /#+/g;
const TRAILING_X = /(?<=[A-Za-z0-9_.-]{3})(?:X{4,}|x{4,})$/;
const PLUS_WORDS = /\+\s*\p{L}[\p{L}_ ]*$/u;

/** The `*` pattern a declared name stands for, or null when it is an exact name. */
export function declaredPattern(name: string): string | null {
  let p = name.trim().replace(PLUS_WORDS, '*').replace(/\s+\*/g, '*').replace(BRACKETED, '*').replace(X_RUN, '*').replace(HASH_RUN, '*').replace(TRAILING_X, '*');
  // `_ga_`, `_gat_UA-`: a stem with a trailing separator and nothing after it.
  if (!p.includes('*') && /[A-Za-z0-9][_-]$/.test(p)) p += '*';
  p = p.replace(/\*{2,}/g, '*');
  return p.includes('*') ? p : null;
}
