import { ref } from '../judgement/findings';
import type { Report } from './report';
import type { Translate } from '../text/i18n';

// An audit in two phases, as the command line runs it with a choice to make: what the page set on
// its own, then what it added once the visitor accepted or refused. Each cookie belongs to the
// phase it first appeared in.

export interface AuditPhase {
  name: 'before-consent' | 'after-consent' | 'after-refusal';
  /** What ended the phase before it, or null for the first. */
  action: string | null;
  startedAt: string;
  /** Cookies first seen in this phase, as name@domain/path. */
  cookies: string[];
}

export function withConsentPhases(r: Report, boundary: number, action: string, choice: 'accepted' | 'refused' = 'accepted'): Report {
  const before = r.cookies.filter((c) => Date.parse(c.firstSeen) < boundary);
  const after = r.cookies.filter((c) => Date.parse(c.firstSeen) >= boundary);
  return {
    ...r,
    phases: [
      { name: 'before-consent', action: null, startedAt: r.startedAt, cookies: before.map(ref) },
      { name: choice === 'refused' ? 'after-refusal' : 'after-consent', action, startedAt: new Date(boundary).toISOString(), cookies: after.map(ref) },
    ],
  };
}

export function phaseTitle(p: AuditPhase, t: Translate): string {
  if (p.name === 'before-consent') return t('phase_before');
  return p.name === 'after-refusal' ? t('phase_after_refusal', p.action ?? '') : t('phase_after', p.action ?? t('consent'));
}
