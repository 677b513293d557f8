import { compileName, type DeclaredCookie, type DeclaredSource, type DeclaredStorage } from '../declared';
import { parseDuration } from '../duration';
import { categoryOf, storageKindOf, type DeclaredCategory } from '../policy-columns';
import type { PolicyParse } from '../policy';
import { EN, messageOf, type Translate } from '../../text/i18n';

// What every consent-manager rule hands over: one entry per name it read, each with the rule and
// the place it was read from. Shared here so that the kinds (cookie, storage, pixel), the lifetimes
// and the names are judged alike whichever consent manager rendered them.

export type EntryKind = 'cookie' | 'pixel' | DeclaredStorage['kind'];

export interface RawEntry {
  /** The name as written; "[x2]" counts are dropped, several names in one field are split by the rule. */
  name: string;
  provider?: string;
  purpose?: string;
  duration?: string;
  /** The category's words (a heading, a group name), or a category already known. */
  category?: string | DeclaredCategory;
  /** The type's words ("HTTP", "HTML Local Storage", "Pixel"), or a kind already known. */
  type?: string;
  kind?: EntryKind;
  where: string;
}

// Type words in the consent managers' own labels and the languages their declarations come in.
const PIXEL = /pixel|piksel|p[íi]xel|beacon|tracker|tracciante|sledovac/i;
const HTML_STORAGE = /^html\b|^web ?storage|^local$|^lokal/i;
const SESSION_STORAGE = /session ?storage|sessionstorage/i;
const INDEXED = /indexeddb|indexed db/i;

export function kindOfType(type: string): EntryKind {
  // Codes such as Termly's html_local_storage read as their words.
  const t = type.replace(/[_-]+/g, ' ').trim();
  if (t === '') return 'cookie';
  if (INDEXED.test(t)) return 'indexedDB';
  if (SESSION_STORAGE.test(t)) return 'sessionStorage';
  const storage = storageKindOf(t);
  if (storage) return storage;
  if (HTML_STORAGE.test(t)) return 'localStorage';
  if (PIXEL.test(t)) return 'pixel';
  return 'cookie';
}

/** "rc::a [x2]" -> "rc::a": the count a consent manager adds when a name is set by several hosts. */
export function cleanName(name: string): string {
  return name.replace(/\s*\[x\d+\]\s*$/i, '').replace(/\s+/g, ' ').trim();
}

/** A name no cookie could have: empty, a sentence, markup. */
function notAName(name: string): boolean {
  return name === '' || /\s/.test(name.replace(/ \*$/, '')) || /[<>"]/.test(name) || name.length > 120;
}

export class Collector {
  readonly out: PolicyParse = { cookies: [], providers: [], storage: [], problems: [] };
  /** Pixels the declaration lists: they set no cookie, kept apart and told. */
  readonly pixels: string[] = [];

  constructor(
    readonly cmp: string,
    readonly t: Translate = EN,
  ) {}

  from(where: string): DeclaredSource {
    return { kind: 'cmp', cmp: this.cmp, where };
  }

  add(e: RawEntry): void {
    const name = cleanName(e.name);
    const kind = e.kind ?? kindOfType(e.type ?? '');
    const provider = (e.provider ?? '').trim();
    const purpose = (e.purpose ?? '').trim();
    const duration = (e.duration ?? '').replace(/\s+/g, ' ').trim();
    const from = this.from(e.where);
    if (kind === 'pixel') {
      if (!this.pixels.includes(name)) this.pixels.push(name);
      this.out.problems.push(this.t('cmp_pixel', e.where, name.slice(0, 80)));
      return;
    }
    if (kind !== 'cookie') {
      if (this.out.storage.some((s) => s.kind === kind && s.key === name)) return;
      this.out.storage.push({ kind, key: name, provider, purpose, ...(duration ? { duration } : {}), from });
      return;
    }
    if (notAName(name)) {
      this.out.problems.push(this.t('cmp_not_a_name', e.where, name.slice(0, 80)));
      return;
    }
    try {
      compileName(name);
    } catch (err) {
      this.out.problems.push(this.t('cmp_not_a_name', e.where, messageOf(err, this.t)));
      return;
    }
    // The same name under two hosts or services: one declaration of it, with the first lifetime stated.
    const seen = this.out.cookies.find((c) => c.name === name);
    if (seen) {
      if (!seen.duration && duration) {
        seen.duration = duration;
        seen.lifetime = parseDuration(duration);
      }
      return;
    }
    const d: DeclaredCookie = { name, provider, function: '', purpose, from };
    const category = e.category === undefined ? undefined : isCategory(e.category) ? e.category : categoryOf(e.category);
    if (category) d.category = category;
    if (duration) {
      d.duration = duration;
      d.lifetime = parseDuration(duration);
      if (d.lifetime.kind === 'unparsed') this.out.problems.push(this.t('cmp_bad_duration', e.where, duration.slice(0, 80), name));
    }
    this.out.cookies.push(d);
  }

  problem(message: string): void {
    this.out.problems.push(message);
  }
}

function isCategory(s: string): s is DeclaredCategory {
  return s === 'necessary' || s === 'functional' || s === 'analytics' || s === 'advertising';
}

/** Names in one field: "_ga, _gid", "_ga; _gat", one per line. */
export function splitNames(field: string): string[] {
  return field
    .split(/[,;\n]+|\s+(?:and|or|und|oder|et|ou|y|o|e|en|og|och|i|a)\s+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
