import type { RecordChoice, RecordWrite } from '../evidence/consent-record';
import type { ChoiceBy, ChoiceMade, ConsentState } from '../judgement/consent';
import { formatInstant, type Translate } from '../text/i18n';

// The report's account of the visitor's choice: none, refused or accepted; how and when the audit
// knows; every change of choice; what the site's own record said; and, from the command line, the
// action it took on the consent banner and whether that action took effect.

export interface ReportChoice {
  choice: 'accepted' | 'refused';
  at: string;
  by: ChoiceBy;
  source: string;
}

export interface ReportConsentAction {
  /** `selector`: a click on a CSS selector; `cmp`: the consent manager's own buttons, found by autoconsent's rules. */
  kind: 'selector' | 'cmp';
  choice: 'accepted' | 'refused';
  selector?: string;
  /** The consent manager autoconsent found, and its rule's name. */
  cmp?: string;
  rule?: string;
  /**
   * `done`: the action ran and took effect; `no-effect`: it ran but no record changed and the
   * banner stayed; `no-banner`: no consent banner was found; `failed`: the consent manager or
   * the rule failed (see `detail`).
   */
  outcome: 'done' | 'no-effect' | 'no-banner' | 'failed';
  /** What showed the effect: the record changed, the banner closed. */
  effect?: Array<'record-changed' | 'banner-closed'>;
  detail?: string;
}

export interface ReportConsent {
  choice: 'none' | 'accepted' | 'refused';
  /** The choice in force at the end: when it was made and how the audit knows; null with no choice. */
  at: string | null;
  by: ChoiceBy | null;
  source: string | null;
  /** Every change of choice during the audit, in order (a refusal, then an acceptance). */
  history: ReportChoice[];
  /** What the site's own consent record said last, as read from its content; null when none was written. */
  record: { cookie: string; cmp: string; choice: RecordChoice; at: string; purposes?: Record<string, boolean> } | null;
  /** From the command line: what it did on the consent banner. */
  action?: ReportConsentAction;
  /**
   * When the page was first loaded again after the choice in force (the audit's look again, with
   * the choice applied); null when it was not, or no choice was made. What a site sets with a
   * refusal in force shows only then: a consent manager often deletes trackers at the click.
   */
  reloadedAt: string | null;
}

const iso = (ms: number): string => new Date(ms).toISOString();

function reportChoice(m: ChoiceMade): ReportChoice {
  return { choice: m.choice, at: iso(m.at), by: m.by, source: m.source };
}

function reportRecord(r: RecordWrite): NonNullable<ReportConsent['record']> {
  return { cookie: r.cookie, cmp: r.cmp, choice: r.choice, at: iso(r.at), ...(r.purposes ? { purposes: r.purposes } : {}) };
}

export function reportConsent(s: ConsentState, loads: readonly number[] = []): ReportConsent {
  const reload = s.last ? loads.find((at) => at > (s.last as ChoiceMade).at) : undefined;
  return {
    choice: s.choice,
    at: s.last ? iso(s.last.at) : null,
    by: s.last?.by ?? null,
    source: s.last?.source ?? null,
    history: s.history.map(reportChoice),
    record: s.record ? reportRecord(s.record) : null,
    reloadedAt: reload === undefined ? null : iso(reload),
  };
}

/** The choice in one phrase: "refused, 30 Nov 2026, 10:02:03 UTC (the command line clicked …)". */
export function choicePhrase(c: Pick<ReportConsent, 'choice' | 'at' | 'source'>, t: Translate): string {
  if (c.choice === 'none' || c.at === null) return t('consent_choice_none');
  return t(c.choice === 'refused' ? 'consent_choice_refused' : 'consent_choice_accepted', formatInstant(c.at, t), c.source ?? '');
}

function actionPhrase(a: ReportConsentAction, t: Translate): string {
  const what =
    a.kind === 'selector'
      ? t(a.choice === 'refused' ? 'action_refuse_selector' : 'action_accept_selector', a.selector ?? '')
      : t(a.choice === 'refused' ? 'action_refuse_cmp' : 'action_accept_cmp', a.cmp ? t('action_cmp_named', a.cmp, a.rule ?? a.cmp) : '');
  const outcome =
    a.outcome === 'done'
      ? t('action_done', (a.effect ?? []).map((e) => t(e === 'record-changed' ? 'effect_record_changed' : 'effect_banner_closed')).join(', '))
      : a.outcome === 'failed'
        ? t('action_failed', a.detail ?? '?')
        : t(a.outcome === 'no-effect' ? 'action_no_effect' : 'action_no_banner');
  return t('consent_action_line', what, outcome);
}

/**
 * The consent section as lines of plain text, shared by every form (text, Markdown, HTML, the
 * popup): the choice in force, earlier choices, what the site's record says, the command line's
 * action. Each form escapes them its own way.
 */
export function consentLines(c: ReportConsent, t: Translate): { choice: string; more: string[] } {
  const more: string[] = [];
  const earlier = c.history.slice(0, -1);
  if (earlier.length > 0) more.push(t('consent_earlier', earlier.map((h) => choicePhrase(h, t)).join('; ')));
  if (c.record) {
    const purposes = c.record.purposes ? Object.entries(c.record.purposes).map(([k, v]) => `${k} ${v ? '✓' : '✗'}`).join(', ') : '';
    more.push(t('consent_record_line', c.record.cmp, c.record.cookie, t(`record_choice_${c.record.choice}`) + (purposes ? ` (${purposes})` : '')));
  }
  if (c.action) more.push(actionPhrase(c.action, t));
  if (c.choice !== 'none' && c.at !== null) more.push(c.reloadedAt ? t('consent_reloaded', formatInstant(c.reloadedAt, t)) : t(c.choice === 'refused' ? 'consent_reload_refused' : 'consent_reload_accepted'));
  return { choice: choicePhrase(c, t), more };
}
