// Declared lifetimes, read from the phrases cookie policies use in every official EU language, plus
// Norwegian, Icelandic and Turkish: "2 weeks by default", "Jusqu'à 12 mois", "13 Monate", "2 lata",
// "365 päivää", "30 de zile", "1 year 1 month 4 days", "1 an et 6 mois". The unit words come from
// CLDR through Intl at build time (scripts/duration-words.js writes duration-words.json); the words
// for "session", "never", "persistent" and "deleted" have no CLDR source and are listed here.
// A month is a twelfth of a 365-day year, as the CNIL counts.

import { EN, formatDuration, type Translate } from '../text/i18n';
import WORDS from './duration-words.json';

export type DeclaredLifetime =
  | { kind: 'session' }
  | { kind: 'fixed'; seconds: number; upTo: boolean }
  /** "Never expires". */
  | { kind: 'never' }
  /** "Persistent", with no figure. */
  | { kind: 'persistent' }
  /** Expires in the past: the cookie is deleted as soon as it is written. */
  | { kind: 'past' }
  /** Words with no figure ("a few seconds", "varies"): stated, but not a number. */
  | { kind: 'stated' }
  /** A figure this parser does not understand; kept as text. */
  | { kind: 'unparsed' };

type Unit = keyof typeof WORDS.seconds;

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Every phrase, longest first so that "de zile" wins over "zile"; a phrase whose last word has
// three letters or more also takes an ending CLDR does not list (Norwegian "dag" → "dager").
const PHRASE_UNIT = new Map<string, Unit>();
for (const [unit, phrases] of Object.entries(WORDS.units) as Array<[Unit, string[]]>) for (const p of phrases) PHRASE_UNIT.set(p, unit);
const PHRASES = [...PHRASE_UNIT.keys()].sort((a, b) => b.length - a.length);
const ALTERNATION = PHRASES.map((p) => escape(p) + (/\p{L}{3}$/u.test(p) ? '\\p{L}{0,3}' : '')).join('|');
// "One" before a unit, in each language ("a year", "ett år", "un an", "ein Jahr"): CLDR has no
// spelled-out numbers in Intl, so these few words are listed here.
const ONE = 'a|an|one|un|une|uno|una|um|uma|ein|eine|einen|einem|einer|een|ett|en|et|ei|eitt|einn|yksi|yhden|üks|ühe|egy|jeden|jedna|jedno|jednego|jednej|jedan|o|bir|viens|viena|vienas|vieną|ένα|μία|ένας|ενός|един|една|wieħed|waħda|aon';
// A few more figures policies spell out ("two years", "treize mois"), in the most common languages.
const SPELLED: Record<string, number> = Object.fromEntries(([
  [2, 'two deux zwei dos due twee dois duas två kaksi dwa dva két doi iki'], [3, 'three trois drei tres tre drie três tre kolme trzy tři három trei üç'],
  [6, 'six sechs seis sei zes sex seks kuusi sześć šest hat șase altı'], [12, 'twelve douze zwölf doce dodici twaalf tolv kaksitoista dwanaście dvanáct tizenkét douăsprezece'],
  [13, 'thirteen treize dreizehn trece tredici dertien treze tretton tretten kolmetoista trzynaście třináct tizenhárom treisprezece'],
] as Array<[number, string]>).flatMap(([n, words]) => words.split(' ').map((w) => [w, n])));
// A figure, perhaps spelled out after it in brackets ("2 (dvoch) hodinách"), then a unit.
const AMOUNT = new RegExp(`(?<![\\p{L}\\p{N}])(?:(\\d+(?:[.,]\\d+)?)[\\s-]?\\s*|(${ONE}|${Object.keys(SPELLED).join('|')})[\\s-]\\s*)(?:\\([^)]{1,20}\\)\\s*)?(${ALTERNATION})(?![\\p{L}\\p{N}])`, 'gu');

/** The unit a matched word stands for: the phrase itself, or the phrase it extends. */
function unitOf(word: string): Unit | undefined {
  const exact = PHRASE_UNIT.get(word);
  if (exact) return exact;
  for (let cut = 1; cut <= 3 && word.length - cut >= 3; cut++) {
    const u = PHRASE_UNIT.get(word.slice(0, -cut));
    if (u) return u;
  }
  return undefined;
}

const RANGE = new RegExp(`\\d\\s*[-–]\\s*\\d+\\s*(?:${ALTERNATION})(?![\\p{L}\\p{N}])`, 'u');

// Between the parts of a compound duration: spaces, commas, "+", or one short word ("and", "et", "og").
const JOINER = /^[\s,+&]*(?:\p{L}{1,4}[\s,]*)?$/u;

/** The seconds a text states, summing a compound duration ("1 year 1 month 4 days"), or undefined. */
function amountOf(t: string): number | undefined {
  let total: number | undefined;
  let last: { unit: number; end: number } | undefined;
  for (const m of t.matchAll(AMOUNT)) {
    const unit = unitOf(m[3] as string);
    if (!unit) continue;
    const size = WORDS.seconds[unit];
    const count = m[1] ? Number(m[1].replace(',', '.')) : (SPELLED[(m[2] as string)] ?? 1);
    if (last) {
      // A compound goes from larger units to smaller ones, each less than one of the larger:
      // "2 years or 13 months" is two statements, and only the first is read.
      const joined = JOINER.test(t.slice(last.end, m.index)) && size < last.unit && count * size <= last.unit;
      if (!joined) break;
    }
    total = (total ?? 0) + count * size;
    last = { unit: size, end: (m.index ?? 0) + m[0].length };
  }
  return total === undefined ? undefined : Math.round(total);
}

const UP_TO = /(?<!\p{L})(?:up to|max|at most|au plus|bis zu|höchstens|hasta|fino a|tot|até|do|až|legfeljebb|enintään|kuni|iki|līdz|upp till|op til|opp til|en fazla|maks|jusqu)(?!\p{L})|maxim|jusqu/u;

// Words with no figure. Checked in this order: "deleted at the end of the session" is a session.
// Until the browser is closed: a browser word and a closing word, in each language.
const BROWSER = /prohlížeč|prehliadač|przeglądar|böngész|selaim|selain|webbläsar|nettles|browser|brauser|navigat|navegador|tarayıc|pārlūk|naršykl|brskalnik|preglednik|браузър|φυλλομετρητ/u;
const CLOSING = /clos|ferm|schlie|schließ|cierr|chius|sluit|zavř|zavre|zamkn|bezár|sulke|suljet|stäng|lukk|luk|kapat|închid|aizvēr|uždar|zapr|zatvar|затвар|κλείσ|dún/u;
const SESSION = /session|sitzung|sesyj|istun|sesi[óo]n|sessione|sessie|sessão|sesiun|sesj|sesij|sesie|seja|relac|relác|munkamenet|istunto|seanss|seans|sessioon|oturum|lotu|συνεδρ|сеси|seisiún|sessjoni|økt|browser is closed|fermeture du navigateur|schließen des browsers|cierre del navegador/u;
const PAST = /\bpast\b|pass[ée]|vergangen|pasado|passato|verleden|przeszło|trecut|minul|múlt|menneisyy|dat(?:e|um) in the past|deleted|supprim|gelöscht|eliminad|cancellat|verwijderd|usunię|șters|sters/u;
const NEVER = /\bnever\b|unlimited|unbegrenzt|illimit|ilimitad|onbeperkt|nieograniczon|neomezen|neobmedzen|korlátlan|rajoittamaton|obegränsad|ubegrenset|ubegrænset|sınırsız|nelimitat|neomejen|neograničen|neribot|neierobežot|piiramatu|απεριόριστ|неограничен|jamais|niemals|läuft nie|nunca|\bmai\b(?! mult)|nooit|nigdy|nikdy|soha|ei koskaan|aldrig|aldri|aldrei|asla|ποτέ|никога|nikoli|nikada|niekada|nekad|ne expir|n'expire|no caduca|non scade|verloopt niet|does not expire|no expir|not expire/u;
const PERSISTENT = /persist|beständig|hartnäckig|indefinit|indétermin|indetermin|unbestimmt|onbepaald|nieokreśl|neurčit|határozatlan|permanen|dauerhaft|trwał|stał|trval|pysyv|varig|kalıcı|μόνιμ|постоян|trajn|püsiv|pastov|pastāv|tartós|obstojn|trajn/u;

export function parseDuration(text: string): DeclaredLifetime {
  const t = text.toLowerCase().normalize('NFC').replace(/\s+/g, ' ').trim();
  if (t === '') return { kind: 'unparsed' };
  // "1-10 Years": a range is stated, not one figure.
  if (RANGE.test(t)) return { kind: 'stated' };
  const seconds = amountOf(t);
  if (seconds !== undefined) return { kind: 'fixed', seconds, upTo: UP_TO.test(t) };
  // Words, not identifiers: "sessionid" and "_hjSessionUser" are names, not "session".
  const words = t.replace(/\S*(?:[_=#*]|id(?!\p{L}))\S*/gu, ' ');
  const word = (re: RegExp): boolean => re.test(words);
  if (word(SESSION) || (word(BROWSER) && word(CLOSING))) return { kind: 'session' };
  if (word(PAST)) return { kind: 'past' };
  if (word(NEVER)) return { kind: 'never' };
  if (word(PERSISTENT)) return { kind: 'persistent' };
  // A figure with a unit this reader does not know is not understood; words alone are stated.
  if (/\d/.test(t)) return { kind: 'unparsed' };
  return /\p{L}/u.test(t) ? { kind: 'stated' } : { kind: 'unparsed' };
}

/** Whether the text reads as a lifetime at all (a figure with a unit, or one of the words). */
export function isLifetime(text: string): boolean {
  const k = parseDuration(text).kind;
  return k !== 'unparsed' && k !== 'stated';
}

/** "2 weeks", "13 months", "session", "never expires": a lifetime in words, for reports. */
export function describeLifetime(l: DeclaredLifetime, t: Translate = EN): string {
  switch (l.kind) {
    case 'session':
      return t('session');
    case 'never':
      return t('life_never');
    case 'persistent':
      return t('life_persistent');
    case 'past':
      return t('life_past');
    case 'stated':
      return t('life_stated');
    case 'unparsed':
      return t('not_understood');
    case 'fixed': {
      const words = formatDuration(l.seconds, t, true);
      return l.upTo ? t('up_to', words) : words;
    }
  }
}
