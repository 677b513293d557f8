import { ref } from '../judgement/findings';
import type { Translate } from '../text/i18n';
import { choicePhrase } from './consent';
import type { Report } from './report';

// `--choices none,reject,accept`: the same page audited once per choice, each in a fresh browser
// profile, and what the choices changed: the cookies only acceptance brings, and the cookies that
// need consent and that refusal did not stop (set before the choice, or written after it).

export const CHOICES = ['none', 'reject', 'accept'] as const;
export type ChoiceName = (typeof CHOICES)[number];

export interface ChoiceRun {
  choice: ChoiceName;
  /** The run's report; null when the run failed (`error` says why). */
  report: Report | null;
  error?: string;
}

export interface ChoicesComparison {
  runs: ChoiceRun[];
  /** Cookies (name@domain/path) the acceptance run set that no other run did. */
  onlyWithAcceptance: string[];
  /** Cookies the refusal run still set that need consent, and when. */
  notStoppedByRefusal: Array<{ cookie: string; when: 'before-choice' | 'after-refusal' }>;
}

export function compareChoices(runs: readonly ChoiceRun[]): ChoicesComparison {
  const of = (name: ChoiceName): Report | null => runs.find((r) => r.choice === name)?.report ?? null;
  const accept = of('accept');
  const others = runs.filter((r) => r.choice !== 'accept' && r.report).map((r) => r.report as Report);
  const seen = new Set(others.flatMap((r) => r.cookies.map(ref)));
  // With nothing to compare against, nothing is "only" acceptance's.
  const onlyWithAcceptance = accept && others.length > 0 ? accept.cookies.map(ref).filter((c) => !seen.has(c)).sort() : [];
  const reject = of('reject');
  const notStoppedByRefusal = (reject?.cookies ?? [])
    // The report's own judgement (one rule for every consent finding): a consent record never counts.
    .filter((c) => c.needsConsent && (c.beforeConsent || c.afterRefusal))
    .map((c) => ({ cookie: ref(c), when: c.afterRefusal ? ('after-refusal' as const) : ('before-choice' as const) }))
    .sort((a, b) => a.cookie.localeCompare(b.cookie));
  return { runs: [...runs], onlyWithAcceptance, notStoppedByRefusal };
}

/** One report for all runs: the first run that could be audited leads, every run is inside `choices`. */
export function withChoices(runs: readonly ChoiceRun[]): Report | null {
  const lead = runs.find((r) => r.report)?.report;
  return lead ? { ...lead, choices: compareChoices(runs) } : null;
}

/** The choices section as plain lines, shared by the text, Markdown and HTML forms. */
export function choicesLines(c: ChoicesComparison, t: Translate): { runs: string[]; onlyWithAcceptance: string[]; notStoppedByRefusal: string[] } {
  return {
    runs: c.runs.map((run) => {
      const name = t(`choice_${run.choice}`);
      const r = run.report;
      if (!r) return t('choices_failed', name, run.error ?? '?');
      const f = r.summary.findings;
      return t('choices_run', name, r.summary.total, r.summary.undeclared, f.high + f.medium + f.low, f.high, choicePhrase(r.consent, t));
    }),
    onlyWithAcceptance: c.onlyWithAcceptance,
    notStoppedByRefusal: c.notStoppedByRefusal.map((n) => `${n.cookie} (${n.when === 'after-refusal' ? t('set_after_refusal') : t('set_before_consent')})`),
  };
}
