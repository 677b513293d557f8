import { choiceOf, readConsentRecord } from '../evidence/consent-record';
import { knownCookie, needsConsent, type Category } from './classify';
import { SOURCES } from './known-cookies';

// A consent manager's answer is not a violation. Which cookies record the visitor's choice: those
// the decoders read (core/evidence/consent-record), those the tables of known cookies file under a
// consent manager (or its vendor documents as its consent record), and, for managers neither knows, a cookie the clicked banner's script
// writes in direct answer to the click, or one whose name or value states the choice.

/** How the audit knows a cookie is a consent record. */
export type RecordBy = 'decoder' | 'known' | 'banner-answer' | 'states-choice';

export interface ConsentRecordMark {
  by: RecordBy;
  /** The consent manager, when the decoder or the table names it. */
  cmp: string | null;
}

/** A banner's script writes its answer within this long of the click; a tracker's click handler is told apart by its category. */
export const ANSWER_MS = 2_000;

// The sources of the table's consent-manager rows: a row citing one of them is a consent record.
const CMP_SOURCES = new Set<string>(
  (['tarteaucitron', 'onetrust', 'cookiebot', 'didomi', 'tcf', 'axeptio', 'cookieyes', 'complianz', 'klaro', 'orejime', 'cookieconsent'] as const).map((k) => SOURCES[k]),
);

// Words that state a refusal (or an opt-out) in a name; a value that is a choice word, whole.
const REFUSAL_WORD = /(^|[^a-z])(deny|denied|reject|rejected|refuse|refused|refusal|decline|declined|opt[-_]?out|disallow|disallowed)([^a-z]|$)/i;
const CHOICE_VALUE = /^(deny|denied|reject|rejected|refuse|refused|declined?|opt[-_]?out|disallow(ed)?|allow|accept(ed)?|granted|dismiss)$/i;
// A bare no/false/0 states a choice only in a cookie named for consent.
const SAYS_CONSENT = /consent|gdpr|rgpd|privacy|tracking|opt[-_]?in|choice|banner|cmp|accept|agree/i;
const BARE_NO = /^(false|no|0|true|yes|1)$/i;

function decoded(value: string): string {
  try {
    return decodeURIComponent(value).trim();
  } catch {
    return value.trim();
  }
}

/** Whether a name or value states the choice: `gdpr_refused`, `cookieconsent_status=deny`, `cookie_optin=0`, `{"stats":false}` in a consent cookie. */
export function statesChoice(name: string, value: string): boolean {
  const v = decoded(value);
  if (REFUSAL_WORD.test(name) || CHOICE_VALUE.test(v)) return true;
  if (!SAYS_CONSENT.test(name)) return false;
  if (BARE_NO.test(v)) return true;
  try {
    const o: unknown = JSON.parse(v);
    if (typeof o !== 'object' || o === null || Array.isArray(o)) return false;
    const purposes = Object.fromEntries(Object.entries(o).filter(([, x]) => typeof x === 'boolean')) as Record<string, boolean>;
    return choiceOf(purposes).choice !== 'unknown';
  } catch {
    return false;
  }
}

/** What a cookie's evidence says of it, for this judgement. */
export interface RecordEvidence {
  name: string;
  /** The registrable domain of the cookie. */
  site: string;
  /** Its last value, redacted or not in the report. */
  value: string;
  category: Category;
  /** Its first write: when, and whether a script made it. */
  firstWrite: { at: number; byScript: boolean } | null;
}

/**
 * Whether the cookie records the visitor's choice, and how the audit knows. `clicks` are the moments
 * the command line clicked a banner (a choice made by hand has no known click). A cookie a known
 * category files as tracking is never a consent record, whatever its name says.
 */
export function consentRecordOf(c: RecordEvidence, clicks: readonly number[]): ConsentRecordMark | null {
  const read = readConsentRecord(c.name, c.value);
  if (read) return { by: 'decoder', cmp: read.cmp };
  if (needsConsent(c.category)) return null;
  const known = knownCookie(c.name, c.site);
  if (known && (known.consentRecord === true || CMP_SOURCES.has(known.source))) return { by: 'known', cmp: known.vendor };
  const w = c.firstWrite;
  if (w?.byScript && clicks.some((at) => w.at >= at && w.at - at <= ANSWER_MS)) return { by: 'banner-answer', cmp: null };
  if (statesChoice(c.name, c.value)) return { by: 'states-choice', cmp: null };
  return null;
}
