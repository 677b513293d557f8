import type { AuditEvent } from './cookie';

// Consent managers keep the visitor's choice in a cookie of their own. What such a record says is
// evidence, but only by its content: most managers write one at page load, before any choice
// (tarteaucitron's `!service=wait`, OneTrust's `interactionCount=0`). A record says `accepted` or
// `refused` only when its content does; one this module cannot read is `unknown`, never acceptance.
// Each format, and where it is documented, is listed in RECORD_FORMATS (and in the README).

/** A choice the visitor made. */
export type Choice = 'accepted' | 'refused';

/** A choice the auditor marked (the popup's buttons, the command line's action), as the tab keeps it. */
export interface ConsentMark {
  at: number;
  choice: Choice;
  by: 'hand' | 'selector' | 'cmp';
  /** The selector clicked, or the consent manager and rule used, as the auditor reads it. */
  detail?: string;
}

/** What a record says: `partial` accepts some purposes and refuses others. */
export type RecordChoice = 'accepted' | 'partial' | 'refused' | 'pending' | 'unknown';

export interface RecordReading {
  /** The consent manager that writes this record. */
  cmp: string;
  choice: RecordChoice;
  /** Per purpose (or service, or vendor), when the record says: true accepted, false refused. */
  purposes?: Record<string, boolean>;
}

interface RecordFormat {
  cookie: string;
  cmp: string;
  /** Where the format is documented (or, for open-source managers, the source that writes it). */
  source: string;
  read: (value: string) => Omit<RecordReading, 'cmp'>;
}

/** Purposes that need no consent, named as managers name them: never count as an acceptance. */
const NECESSARY = /^(necessary|essential|required|strictly[-_ ]?necessary|mandatory|technical|c0001)$/i;

function decode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

function json(value: string): unknown {
  for (const v of [value, decode(value)]) {
    try {
      return JSON.parse(v) as unknown;
    } catch {
      // try the next form
    }
  }
  return undefined;
}

/** Keys a page could use to reach an object's prototype: never a purpose. */
const safeKey = (k: string): boolean => k !== '__proto__' && k !== 'constructor' && k !== 'prototype';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The choice a map of purposes makes: any purpose beyond necessity accepted is an acceptance. */
export function choiceOf(purposes: Record<string, boolean>): Omit<RecordReading, 'cmp'> {
  const optional = Object.entries(purposes).filter(([k]) => !NECESSARY.test(k));
  if (optional.length === 0) return { choice: 'unknown', purposes };
  const yes = optional.filter(([, v]) => v).length;
  return { choice: yes === 0 ? 'refused' : yes === optional.length ? 'accepted' : 'partial', purposes };
}

/** `{"analytics":true,"ads":false}`: a JSON object of booleans; anything else is unknown. */
function booleanMap(value: string): Omit<RecordReading, 'cmp'> {
  const o = json(value);
  if (!isObject(o)) return { choice: 'unknown' };
  const purposes: Record<string, boolean> = {};
  for (const [k, v] of Object.entries(o)) if (typeof v === 'boolean' && !k.startsWith('$$') && safeKey(k)) purposes[k] = v;
  return choiceOf(purposes);
}

function tarteaucitron(value: string): Omit<RecordReading, 'cmp'> {
  // `!gtag=true!matomo=false`, or `!matomo=wait` until the visitor chooses.
  const purposes: Record<string, boolean> = {};
  let waiting = 0;
  for (const part of decode(value).split('!')) {
    const m = /^([^=]+)=(true|false|wait)$/.exec(part.trim());
    if (!m) continue;
    if (m[2] === 'wait') waiting++;
    else if (safeKey(m[1] as string)) purposes[m[1] as string] = m[2] === 'true';
  }
  if (Object.keys(purposes).length === 0) return { choice: waiting > 0 ? 'pending' : 'unknown' };
  return choiceOf(purposes);
}

function cookieConsentV3(value: string): Omit<RecordReading, 'cmp'> {
  // {"categories":["necessary","analytics"],"revision":0,"consentTimestamp":"…",…}
  const o = json(value);
  if (!isObject(o) || !Array.isArray(o.categories)) return { choice: 'unknown' };
  const accepted = o.categories.filter((c): c is string => typeof c === 'string');
  const purposes = Object.fromEntries(accepted.filter(safeKey).map((c) => [c, true]));
  // The record lists accepted categories only: with none beyond the necessary ones, it refused.
  return accepted.some((c) => !NECESSARY.test(c)) ? { choice: 'accepted', purposes } : { choice: 'refused', purposes };
}

function cookiebot(value: string): Omit<RecordReading, 'cmp'> {
  // {stamp:'…',necessary:true,preferences:false,statistics:false,marketing:false,method:'explicit',…}
  // (a JavaScript literal, not JSON); "-1" when the visitor's region needs no consent.
  const text = decode(value);
  const purposes: Record<string, boolean> = {};
  for (const m of text.matchAll(/\b(necessary|preferences|statistics|marketing):(true|false)\b/g)) purposes[m[1] as string] = m[2] === 'true';
  return Object.keys(purposes).length > 0 ? choiceOf(purposes) : { choice: 'unknown' };
}

function onetrust(value: string): Omit<RecordReading, 'cmp'> {
  // A query string: …&interactionCount=1&groups=C0001:1,C0002:0,C0003:0,C0004:0&…
  const params = new URLSearchParams(value);
  const interactions = params.get('interactionCount');
  if (interactions === '0') return { choice: 'pending' };
  const purposes: Record<string, boolean> = {};
  for (const g of (params.get('groups') ?? '').split(',')) {
    const m = /^([A-Za-z0-9]+):([01])$/.exec(g.trim());
    if (m && safeKey(m[1] as string)) purposes[m[1] as string] = m[2] === '1';
  }
  // Before any choice the groups hold the defaults (all on where opt-out applies): without a
  // count of interactions, the groups are not a choice.
  if (interactions === null || Object.keys(purposes).length === 0) return { choice: 'unknown', ...(Object.keys(purposes).length ? { purposes } : {}) };
  return choiceOf(purposes);
}

function didomi(value: string): Omit<RecordReading, 'cmp'> {
  // Base64 of JSON: {"purposes":{"enabled":[…],"disabled":[…]},"vendors":{…},…}
  let o: unknown;
  try {
    o = JSON.parse(atob(decode(value).replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    return { choice: 'unknown' };
  }
  if (!isObject(o) || !isObject(o.purposes)) return { choice: 'unknown' };
  const purposes: Record<string, boolean> = {};
  const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  for (const p of list(o.purposes.enabled).filter(safeKey)) purposes[p] = true;
  for (const p of list(o.purposes.disabled).filter(safeKey)) purposes[p] = false;
  return choiceOf(purposes);
}

function axeptio(value: string): Omit<RecordReading, 'cmp'> {
  // {"$$token":"…","$$date":"…","google_analytics":false,"$$completed":true}
  const o = json(value);
  if (isObject(o) && o.$$completed === false) return { choice: 'pending' };
  return booleanMap(value);
}

export const RECORD_FORMATS: readonly RecordFormat[] = [
  { cookie: 'cookies_preferences', cmp: 'Opendatasoft', source: 'observed on Opendatasoft portals: a JSON object of booleans per purpose (no public specification)', read: booleanMap },
  { cookie: 'tarteaucitron', cmp: 'tarteaucitron.js', source: 'tarteaucitron.js source, cookie.create: https://github.com/AmauriC/tarteaucitron.js', read: tarteaucitron },
  { cookie: 'eu-consent', cmp: 'Orejime', source: 'Orejime 3 source and README, cookie.name "eu-consent" (JSON of purposes): https://github.com/boscop-fr/orejime', read: booleanMap },
  { cookie: 'orejime', cmp: 'Orejime', source: 'Orejime 2 README, cookieName "orejime" (JSON of purposes): https://github.com/boscop-fr/orejime', read: booleanMap },
  { cookie: 'klaro', cmp: 'Klaro', source: 'Klaro! README, storageName (JSON of services): https://github.com/kiprotect/klaro', read: booleanMap },
  { cookie: 'cc_cookie', cmp: 'CookieConsent (orestbida)', source: 'CookieConsent v3 docs, "cookie" (categories accepted): https://cookieconsent.orestbida.com/reference/configuration-reference.html', read: cookieConsentV3 },
  { cookie: 'CookieConsent', cmp: 'Cookiebot', source: 'Cookiebot developer docs, the CookieConsent cookie: https://www.cookiebot.com/en/developer/', read: cookiebot },
  { cookie: 'OptanonConsent', cmp: 'OneTrust', source: 'OneTrust, "Cookies used by the OneTrust cookie banner" (groups, interactionCount): https://my.onetrust.com/s/article/UUID-2dc719a8-4be5-8d16-1dc8-c7b4147b88e0', read: onetrust },
  { cookie: 'didomi_token', cmp: 'Didomi', source: 'Didomi developers, "Cookies and storage" (didomi_token): https://developers.didomi.io/cmp/web-sdk/consent-notice/cookies', read: didomi },
  { cookie: 'axeptio_cookies', cmp: 'Axeptio', source: 'Axeptio developer docs, "Cookies" (axeptio_cookies): https://support.axeptio.eu/hc/en-gb', read: axeptio },
  { cookie: 'mtm_consent', cmp: 'Matomo', source: 'Matomo FAQ, "Which cookies are set by Matomo" (mtm_consent when consent is given): https://matomo.org/faq/general/faq_146/', read: () => ({ choice: 'accepted' }) },
  { cookie: 'mtm_consent_removed', cmp: 'Matomo', source: 'Matomo FAQ, "Which cookies are set by Matomo" (mtm_consent_removed when consent is withdrawn): https://matomo.org/faq/general/faq_146/', read: () => ({ choice: 'refused' }) },
];

const FORMAT_OF = new Map(RECORD_FORMATS.map((f) => [f.cookie, f]));

/** Cookies in which consent managers record the visitor's choice. */
export const CONSENT_RECORDS: readonly string[] = RECORD_FORMATS.map((f) => f.cookie);

/** What a consent record says, or null when the cookie is no consent record. Never throws. */
export function readConsentRecord(name: string, value: string): RecordReading | null {
  const f = FORMAT_OF.get(name);
  if (!f) return null;
  // A record past any real manager's size is not read: it is not one of these formats.
  if (value.length > 8192) return { cmp: f.cmp, choice: 'unknown' };
  return { cmp: f.cmp, ...f.read(value) };
}

/** A write of a consent record, as read. */
export interface RecordWrite extends RecordReading {
  at: number;
  cookie: string;
}

/** Whether a record's choice is one the visitor made (accepted, in part or whole, or refused). */
export function decisive(c: RecordChoice): c is 'accepted' | 'partial' | 'refused' {
  return c === 'accepted' || c === 'partial' || c === 'refused';
}

/**
 * The writes of consent records among some changes that change what the site's records say: each
 * decisive reading that differs from the one before it, and the last reading of all (decisive or
 * not), so the report can say what the record said at the end.
 */
export function consentRecordsIn(events: readonly AuditEvent[], before: readonly RecordWrite[] = []): { changes: RecordWrite[]; last?: RecordWrite } {
  const changes: RecordWrite[] = [];
  let lastChoice = before.at(-1)?.choice;
  let last: RecordWrite | undefined;
  for (const e of [...events].sort((a, b) => a.at - b.at)) {
    if (e.kind !== 'set' && e.kind !== 'overwrite') continue;
    const reading = readConsentRecord(e.cookie.name, e.cookie.value);
    if (!reading) continue;
    last = { ...reading, at: e.at, cookie: e.cookie.name };
    if (decisive(reading.choice) && reading.choice !== lastChoice) changes.push(last);
    if (decisive(reading.choice)) lastChoice = reading.choice;
  }
  return { changes, ...(last ? { last } : {}) };
}
