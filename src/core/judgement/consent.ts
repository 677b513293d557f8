import type { Choice, ConsentMark, RecordChoice, RecordWrite } from '../evidence/consent-record';
import { EN, type Translate } from '../text/i18n';

// The visitor's choice over an audit: none yet, refused, or accepted, and since when. Two kinds of
// evidence say it: the site's own consent record, read by its content (core/evidence/consent-record),
// and marks the auditor made (the popup's buttons, or the command line's click or consent manager).
// A record that says nothing decisive (written at page load, or unreadable) is never a choice.

export type { Choice, ConsentMark };
/** How the audit knows of a choice. */
export type ChoiceBy = 'record' | ConsentMark['by'];

export interface ChoiceMade {
  at: number;
  choice: Choice;
  by: ChoiceBy;
  /** One sentence: how the audit knows. */
  source: string;
  /** The site's record that confirmed (or made) the choice. */
  record?: RecordWrite;
}

export interface ConsentState {
  choice: 'none' | Choice;
  /** The choice in force at the end. */
  last?: ChoiceMade;
  /** When the visitor first chose: before it, nothing was chosen. */
  firstAt?: number;
  /** Periods in which the visitor had refused: from the refusal to a later acceptance, if any. */
  refusals: Array<{ from: number; to?: number; made: ChoiceMade }>;
  /** Every change of choice, in order. */
  history: ChoiceMade[];
  /** What the site's own record said last, decisive or not. */
  record?: RecordWrite;
}

/** A record's effect on the choice: a partial acceptance accepts what it accepts. */
function choiceOfRecord(c: RecordChoice): Choice | null {
  if (c === 'refused') return 'refused';
  return c === 'accepted' || c === 'partial' ? 'accepted' : null;
}

/** A record written this long after a mark of the same choice is the mark's effect, not a choice of its own. */
export const CONFIRM_WINDOW_MS = 10_000;

export function sourceOfMark(m: ConsentMark, t: Translate): string {
  if (m.detail) return m.detail;
  if (m.by !== 'hand') return t('choice_by_command_line');
  return m.choice === 'refused' ? t('refusal_by_hand') : t('consent_by_hand');
}

export function sourceOfRecord(r: RecordWrite, t: Translate): string {
  return t(r.choice === 'refused' ? 'consent_record_refused' : r.choice === 'partial' ? 'consent_record_partial' : 'consent_record_accepted', r.cmp, r.cookie);
}

export function consentState(records: readonly RecordWrite[], marks: readonly ConsentMark[], t: Translate = EN, lastRecord?: RecordWrite): ConsentState {
  const made: ChoiceMade[] = marks.map((m) => ({ at: m.at, choice: m.choice, by: m.by, source: sourceOfMark(m, t) }));
  for (const r of records) {
    const choice = choiceOfRecord(r.choice);
    if (!choice) continue;
    const mark = made.find((m) => m.by !== 'record' && m.choice === choice && !m.record && r.at >= m.at && r.at - m.at <= CONFIRM_WINDOW_MS);
    if (mark) mark.record = r;
    else made.push({ at: r.at, choice, by: 'record', source: sourceOfRecord(r, t), record: r });
  }
  made.sort((a, b) => a.at - b.at);
  const state: ConsentState = { choice: 'none', refusals: [], history: [] };
  for (const m of made) {
    if (m.choice === state.choice) continue;
    state.history.push(m);
    if (m.choice === 'refused') state.refusals.push({ from: m.at, made: m });
    else {
      const open = state.refusals.at(-1);
      if (open && open.to === undefined) open.to = m.at;
    }
    state.choice = m.choice;
    state.last = m;
    state.firstAt ??= m.at;
  }
  const record = lastRecord ?? records.at(-1);
  if (record) state.record = record;
  return state;
}

/** Whether a write at this moment came after a refusal still in force. */
export function inRefusal(state: ConsentState, at: number): ConsentState['refusals'][number] | undefined {
  return state.refusals.find((r) => at >= r.from && (r.to === undefined || at < r.to));
}
