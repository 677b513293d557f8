import en from '../../../_locales/en/messages.json';
import fr from '../../../_locales/fr/messages.json';

// One catalogue of user-visible strings, in the extension's own format (_locales/<lang>/messages.json):
// the extension reads it through its i18n API, the command line and the reports through this module.
// Messages take positional substitutions ($1…$9), as the extension API's getMessage does.

export type MessageKey = keyof typeof en;
export type Translate = (key: MessageKey, ...subs: Array<string | number>) => string;

type Catalogue = Record<MessageKey, { message: string }>;
export const CATALOGUES: Record<'en' | 'fr', Catalogue> = { en, fr };
export type Lang = keyof typeof CATALOGUES;
export const LANGS = Object.keys(CATALOGUES) as Lang[];

/** Substitutes $1…$9 the way the extension i18n API does; `$$` is a literal dollar. */
export function substitute(message: string, subs: ReadonlyArray<string | number>): string {
  return message.replace(/\$(\$|[1-9])/g, (_, d: string) => (d === '$' ? '$' : String(subs[Number(d) - 1] ?? '')));
}

export function catalogueTranslator(lang: Lang): Translate {
  const cat = CATALOGUES[lang];
  return (key, ...subs) => substitute((cat[key] ?? CATALOGUES.en[key] ?? { message: key }).message, subs);
}

/** English, for code paths that have no user (tests, schema examples). */
export const EN: Translate = catalogueTranslator('en');

/** The language a locale string (fr-FR, fr_CA.UTF-8, en) asks for, or English. */
export function langOf(locale: string | undefined): Lang {
  const l = (locale ?? '').toLowerCase().slice(0, 2);
  return (LANGS as string[]).includes(l) ? (l as Lang) : 'en';
}

// Making an Intl formatter costs far more than using one, and a report formats thousands of
// dates and numbers: one formatter per locale and options, made once.
const formatters = new Map<string, Intl.PluralRules | Intl.DateTimeFormat | Intl.NumberFormat>();
function formatter<F extends Intl.PluralRules | Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => F): F {
  let f = formatters.get(key) as F | undefined;
  if (!f) {
    f = make();
    formatters.set(key, f);
  }
  return f;
}

/** A number formatter for the locale, made once per set of options. */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return formatter(`n|${locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));
}

/** A message with a count: `<key>_one` or `<key>_other`, chosen by the locale's plural rules. */
export function plural(t: Translate, key: string, n: number, ...subs: Array<string | number>): string {
  const locale = t('locale');
  const form = formatter(`p|${locale}`, () => new Intl.PluralRules(locale)).select(n) === 'one' ? 'one' : 'other';
  return t(`${key}_${form}` as MessageKey, n, ...subs);
}

/** An instant, as the auditor's locale writes it, in UTC so that reports from anywhere agree. */
export function formatInstant(iso: string, t: Translate, withMs = false): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const locale = t('locale');
  const date = formatter(`i|${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' })).format(d);
  return `${date}${withMs ? `.${String(d.getUTCMilliseconds()).padStart(3, '0')}` : ''} UTC`;
}

/** A time of day with milliseconds, for timelines. */
export function formatTimeMs(iso: string, t: Translate): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const locale = t('locale');
  const time = formatter(`t|${locale}`, () => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone: 'UTC' })).format(d);
  return `${time}.${String(d.getUTCMilliseconds()).padStart(3, '0')} UTC`;
}

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;
const YEAR = 365.25 * DAY;

/**
 * A length of time in the locale's words: "24 months", "24 mois", "14 days", "14 jours". Findings
 * count in months, as the CNIL does; `years` lets a policy's "2 years" read as written.
 */
export function formatDuration(seconds: number, t: Translate, years = false): string {
  const s = Math.abs(seconds);
  const [n, unit]: [number, 'year' | 'month' | 'day' | 'hour' | 'minute'] =
    years && s >= 2 * 365 * DAY ? [s / (365 * DAY), 'year'] : s >= (years ? 28 : 60) * DAY ? [s / (YEAR / 12), 'month'] : s >= DAY ? [s / DAY, 'day'] : s >= HOUR ? [s / HOUR, 'hour'] : [s / MINUTE, 'minute'];
  return numberFormat(t('locale'), { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: unit === 'year' ? 1 : 0 }).format(n);
}

type Sub = string | number | LocalizedError;

/**
 * An error the user reads: it carries its catalogue key and substitutions, so whoever shows it
 * (the background, a view, the CLI) words it in the user's language. Its `message` is English.
 */
export class LocalizedError extends Error {
  readonly key: MessageKey;
  readonly subs: readonly Sub[];
  readonly localized = LOCALIZED;
  constructor(key: MessageKey, ...subs: Sub[]) {
    super(EN(key, ...subs.map((s) => (isLocalized(s) ? s.message : s))));
    this.key = key;
    this.subs = subs;
  }
}

// The worker's two scripts (background.js, report-core.js) each hold a copy of this class: an
// error is known as localized by this mark, which both copies set, not by its class.
const LOCALIZED = 'cookie-auditor/localized-error';
function isLocalized(e: unknown): e is LocalizedError {
  return e instanceof Error && (e as Partial<LocalizedError>).localized === LOCALIZED;
}

/** What to show for an error: a LocalizedError in the user's language, anything else as it says. */
export function messageOf(e: unknown, t: Translate): string {
  if (isLocalized(e)) return t(e.key, ...e.subs.map((s) => (isLocalized(s) ? messageOf(s, t) : s)));
  return e instanceof Error ? e.message : String(e);
}
