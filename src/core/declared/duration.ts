// Declared lifetimes, read from the phrases cookie policies use, in English, French, German,
// Spanish, Italian and Dutch: "2 weeks by default", "Up to 12 months", "session", "30 minutes",
// "2 semaines par défaut", "Jusqu'à 12 mois", "13 Monate", "2 años", "30 giorni", "28 dagen".
// A month is a twelfth of a 365-day year, as the CNIL counts.

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
  [/^(?:seconds?|secondes?|secs?|s|sekunden?|segundos?|secondi|seconden)$/, 1],
  [/^(?:minutes?|mins?|mn|minuten|minutos?|minuti|minuto)$/, MINUTE],
  [/^(?:hours?|heures?|hrs?|h|stunden?|std|horas?|ore|ora|uur|uren)$/, HOUR],
  [/^(?:days?|jours?|j|tage?n?|d[ií]as?|giorni|giorno|dagen|dag)$/, DAY],
  [/^(?:weeks?|semaines?|wochen?|semanas?|settimane|settimana|weken|week)$/, 7 * DAY],
  [/^(?:months?|mois|monate?n?|mes|meses|mesi|mese|maanden|maand)$/, YEAR / 12],
  [/^(?:years?|ans?|années?|annees?|jahre?n?|a[ñn]os?|anni|anno|jaar|jaren)$/, YEAR],
];

export function parseDuration(text: string): DeclaredLifetime {
  const t = text.toLowerCase().normalize('NFC').trim();
  if (t === '') return { kind: 'unparsed' };
  const m = /(\d+(?:[.,]\d+)?)\s*(\p{L}+)/u.exec(t);
  if (m) {
    const unit = UNITS.find(([re]) => re.test(m[2] as string));
    if (unit) {
      const upTo = /\b(?:up to|maximum|max\.?|at most|jusqu'?\s*[àa]|jusqu’\s*[àa]|au plus|au maximum|bis zu|höchstens|maximal|hasta|fino a|tot)\b/.test(t) || /jusqu/.test(t);
      return { kind: 'fixed', seconds: Math.round(Number((m[1] as string).replace(',', '.')) * unit[1]), upTo };
    }
  }
  if (/session|sitzung|sesi[óo]n|sessione|sessie|browser is closed|fermeture du navigateur|schließen des browsers|cierre del navegador/.test(t)) return { kind: 'session' };
  return { kind: 'unparsed' };
}

/** "2 weeks", "13 months", "session": a lifetime in words, for reports. */
export function describeLifetime(l: DeclaredLifetime, t: Translate = EN): string {
  if (l.kind === 'session') return t('session');
  if (l.kind === 'unparsed') return t('not_understood');
  const words = formatDuration(l.seconds, t, true);
  return l.upTo ? t('up_to', words) : words;
}
