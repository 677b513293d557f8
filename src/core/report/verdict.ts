import type { Report } from './report';

// What an audit's exit status says, from its report alone.

/**
 * The exit status an audit implies: 1 when it found what `failOn` names (by default anything
 * undeclared; `high`: a high-severity finding; `none`: never), else 0. With `--choices`, in any run.
 */
export function verdictCode(report: Report, failOn: 'undeclared' | 'high' | 'none' = 'undeclared'): 0 | 1 {
  if (failOn === 'none') return 0;
  if (report.choices) return report.choices.runs.some((r) => r.report && verdictCode({ ...r.report, choices: undefined }, failOn) === 1) ? 1 : 0;
  if (failOn === 'high') return report.summary.findings.high > 0 ? 1 : 0;
  // Browser storage counts as cookies do; a report of version 2 or older has none.
  return report.summary.undeclared > 0 || (report.storage?.summary.undeclared ?? 0) > 0 ? 1 : 0;
}
