import { ref } from '../judgement/findings';
import type { Report } from './report';
import type { Translate } from '../text/i18n';

// An audit in phases, as the command line runs it with a choice to make: what the page set on its
// own, what it added once the visitor accepted or refused, and what it set once loaded again with
// the choice in force (the report's consent.reloadedAt). Each cookie belongs to the phase it first
// appeared in; the last phase also lists the cookies written again in it (deleted at a refusal,
// then set again by the next page view).

export interface AuditPhase {
  name: 'before-consent' | 'after-consent' | 'after-refusal' | 'after-reload';
  /** What ended the phase before it, or null for the first. */
  action: string | null;
  startedAt: string;
  /** Cookies first seen in this phase, as name@domain/path. */
  cookies: string[];
  /** In the phase after the reload: cookies first seen earlier and written (set or overwritten) again in it. */
  writtenAgain?: string[];
}

const inPhase = (from: number, to: number) => (at: string): boolean => Date.parse(at) >= from && Date.parse(at) < to;

export function withConsentPhases(r: Report, boundary: number, action: string, choice: 'accepted' | 'refused' = 'accepted', reloadAction?: string): Report {
  const reload = r.consent.reloadedAt ? Date.parse(r.consent.reloadedAt) : Infinity;
  const firstIn = (from: number, to: number) => r.cookies.filter((c) => inPhase(from, to)(c.firstSeen)).map(ref);
  const phases: AuditPhase[] = [
    { name: 'before-consent', action: null, startedAt: r.startedAt, cookies: firstIn(-Infinity, boundary) },
    { name: choice === 'refused' ? 'after-refusal' : 'after-consent', action, startedAt: new Date(boundary).toISOString(), cookies: firstIn(boundary, reload) },
  ];
  if (reload !== Infinity) {
    const again = r.cookies.filter((c) => Date.parse(c.firstSeen) < reload && c.events.some((e) => (e.kind === 'set' || e.kind === 'overwrite') && Date.parse(e.at) >= reload));
    phases.push({ name: 'after-reload', action: reloadAction ?? null, startedAt: new Date(reload).toISOString(), cookies: firstIn(reload, Infinity), writtenAgain: again.map(ref) });
  }
  return { ...r, phases };
}

export function phaseTitle(p: AuditPhase, t: Translate): string {
  if (p.name === 'before-consent') return t('phase_before');
  if (p.name === 'after-reload') return t('phase_after_reload');
  return p.name === 'after-refusal' ? t('phase_after_refusal', p.action ?? '') : t('phase_after', p.action ?? t('consent'));
}
