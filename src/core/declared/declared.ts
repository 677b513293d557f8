import type { DeclaredLifetime } from './duration';
import { EN, LocalizedError, type Translate } from '../text/i18n';
import { declaredPattern } from './name-forms';
import type { DeclaredCategory } from './policy-columns';

// Declared lists: what a portal's cookie policy says it sets.

/**
 * Where a declared entry was read from, so the preview can show it and an auditor can check it:
 * a consent manager's rule, a table's row and cell, a list item, a sentence, or a JSON path in a
 * consent manager's machine-readable declaration. Counted from 1, as a person reads.
 */
export type DeclaredSource =
  | { kind: 'cmp'; cmp: string; where: string }
  | { kind: 'table'; table: number; row: number; cell: number }
  | { kind: 'list'; item: number }
  | { kind: 'prose'; sentence: number }
  | { kind: 'json'; cmp: string; path: string };

/** Where an entry was read from, in the user's words: "table 2, row 5, cell 1", "Cookiebot: "Marketing", row 3". */
export function describeSource(s: DeclaredSource, t: Translate = EN): string {
  switch (s.kind) {
    case 'cmp':
      return t('src_cmp', s.cmp, s.where);
    case 'json':
      return t('src_json', s.cmp, s.path);
    case 'table':
      return t('src_table', s.table, s.row, s.cell);
    case 'list':
      return t('src_list', s.item);
    case 'prose':
      return t('src_prose', s.sentence);
  }
}

export interface DeclaredCookie {
  /**
   * An exact cookie name, or a pattern where `*` stands for any run of characters (`_ga_*`); the
   * placeholders policies write (`_ga_xxx`, `_ga_<ID>`, `_ga_`) are patterns too (name-forms.ts).
   */
  name: string;
  provider: string;
  function: string;
  purpose: string;
  /** The lifetime as the policy states it, kept as text. */
  duration?: string;
  /** That lifetime understood, when it could be. */
  lifetime?: DeclaredLifetime;
  /** The category the policy files it under (its category column, or the heading of its table). */
  category?: DeclaredCategory;
  /** Read from the policy's sentences or list items rather than a table: worth a second look. */
  readFrom?: 'prose';
  /** Where it was read from. */
  from?: DeclaredSource;
}

/** A provider the policy names without naming its cookies ("Matomo" and an empty name cell). */
export interface DeclaredProvider {
  provider: string;
  function: string;
  purpose: string;
  category?: DeclaredCategory;
  from?: DeclaredSource;
}

/**
 * Browser storage other than cookies, as a policy declares it (`localStorage:theme`, a row of type
 * "Local storage"). `key` is exact, or a pattern where `*` stands for any run of characters.
 */
export interface DeclaredStorage {
  kind: 'localStorage' | 'sessionStorage' | 'indexedDB';
  key: string;
  provider: string;
  purpose: string;
  duration?: string;
  from?: DeclaredSource;
}

export interface DeclaredList {
  name: string;
  /** Where the list comes from: a policy URL, a file, or "built-in". */
  source: string;
  cookies: DeclaredCookie[];
  /** Providers declared as a whole: their cookies (by the known-cookie table's vendor) count as declared. */
  providers?: DeclaredProvider[];
  /** Browser storage the policy declares: compared with what pages store (judgement/compare-storage). */
  storage?: DeclaredStorage[];
  /** Who declares it: the policy page (the default), or a consent manager's own declaration. */
  declaredBy?: 'policy' | 'consent-manager';
  /** How `--policy auto` (or the popup's "find it") chose this declaration, in words: which it used. */
  foundBy?: string;
  /**
   * The consent manager's machine-readable declaration read alongside the policy page's: the third
   * side of the comparison (what the page says, what the consent manager declares, what the site set).
   */
  consentManager?: DeclaredList;
}

// Written from the cookie policies of opendata.edf.fr and data.aide-developpement.gouv.fr
// ("Cookies necessary for the platform to function properly"), which declare these four. The
// functions and purposes are worded in the user's language; the names are what is compared.
const BUILT_IN = ['sessionid', 'django_language', 'csrftoken', 'cookies_preferences'] as const;

export function builtinList(t: Translate = EN): DeclaredList {
  return {
    name: t('ods_name'),
    source: t('ods_source'),
    cookies: BUILT_IN.map((name) => ({ name, provider: 'Opendatasoft', function: t(`ods_fn_${name}`), purpose: t(`ods_pu_${name}`) })),
  };
}

export const OPENDATASOFT_LIST: DeclaredList = builtinList(EN);

/** Compiles a declared name to a matcher; throws a message naming the bad pattern. */
export function compileName(name: string): (cookieName: string) => boolean {
  if (name.trim() === '') throw new LocalizedError('err_name_empty');
  // `#` (Cookiebot's and Termly's placeholder: `_ga_#`, `PHPSESSID#`) stands for at least one
  // character: `PHPSESSID#` covers `PHPSESSID1`, not `PHPSESSID` itself.
  const marked = name.replace(/#+/g, HASH);
  const pattern = declaredPattern(marked) ?? (marked.includes(HASH) ? marked : null);
  if (pattern === null) return (n) => n === name;
  if (pattern.replace(/[*\u0001]/g, '') === '') {
    throw new LocalizedError('err_pattern_all', name);
  }
  const re = new RegExp('^' + pattern.split('*').map((part) => part.split(HASH).map(escapeRegExp).join('.+')).join('.*') + '$');
  return (n) => re.test(n);
}

const HASH = '\u0001';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The declared list a policy page gives a site, with where and when it was read. */
export function listFromPolicy(
  site: string,
  policy: { url: string; readAt: string; cookies: DeclaredCookie[]; providers?: DeclaredProvider[]; storage?: DeclaredStorage[]; foundBy?: string; consentManager?: DeclaredList; declaredBy?: DeclaredList['declaredBy'] },
): DeclaredList {
  const list: DeclaredList = { name: `Cookie policy of ${site}`, source: `${policy.url} (read ${policy.readAt})`, cookies: policy.cookies };
  if (policy.providers && policy.providers.length > 0) list.providers = policy.providers;
  if (policy.storage && policy.storage.length > 0) list.storage = policy.storage;
  // What `--policy auto` found: which declaration it used, and the consent manager's own read alongside.
  if (policy.declaredBy === 'consent-manager') list.declaredBy = 'consent-manager';
  if (policy.foundBy) list.foundBy = policy.foundBy;
  if (policy.consentManager) list.consentManager = policy.consentManager;
  return list;
}
