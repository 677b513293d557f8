// Declared lifetimes, read from the phrases cookie policies use, in English and French:
// "2 weeks by default", "Up to 12 months", "session", "30 minutes", "2 semaines par défaut",
// "Jusqu'à 12 mois", "13 mois". A month is a twelfth of a 365-day year, as the CNIL counts.

import { EN, formatDuration, type Translate } from '../text/i18n';

export type DeclaredLifetime =
  | { kind: 'session' }
  | { kind: 'fixed'; seconds: number; upTo: boolean }
  /** The policy states something this parser does not understand; kept as text. */
  | { kind: 'unparsed' };

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;
const YEAR = 365 * DAY;
const UNITS: Array<[RegExp, number]> = [
  [/^(?:seconds?|secondes?|secs?|s)$/, 1],
  [/^(?:minutes?|mins?|mn)$/, MINUTE],
  [/^(?:hours?|heures?|hrs?|h)$/, HOUR],
  [/^(?:days?|jours?|j)$/, DAY],
  [/^(?:weeks?|semaines?)$/, 7 * DAY],
  [/^(?:months?|mois)$/, YEAR / 12],
  [/^(?:years?|ans?|années?|annees?)$/, YEAR],
];

export function parseDuration(text: string): DeclaredLifetime {
  const t = text.toLowerCase().normalize('NFC').trim();
  if (t === '') return { kind: 'unparsed' };
  const m = /(\d+(?:[.,]\d+)?)\s*([a-zàâçéèêëîïôûùüÿ]+)/.exec(t);
  if (m) {
    const unit = UNITS.find(([re]) => re.test(m[2] as string));
    if (unit) {
      const upTo = /\b(?:up to|maximum|max\.?|at most|jusqu'?\s*[àa]|jusqu’\s*[àa]|au plus|au maximum)\b/.test(t) || /jusqu/.test(t);
      return { kind: 'fixed', seconds: Math.round(Number((m[1] as string).replace(',', '.')) * unit[1]), upTo };
    }
  }
  if (/\bsession\b|fin de (?:la )?session|end of (?:the )?session|browser is closed|fermeture du navigateur/.test(t)) return { kind: 'session' };
  return { kind: 'unparsed' };
}

/** "2 weeks", "13 months", "session": a lifetime in words, for reports. */
export function describeLifetime(l: DeclaredLifetime, t: Translate = EN): string {
  if (l.kind === 'session') return t('session');
  if (l.kind === 'unparsed') return t('not_understood');
  const words = formatDuration(l.seconds, t, true);
  return l.upTo ? t('up_to', words) : words;
}
