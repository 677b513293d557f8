import type { ReportConsentAction } from '../../core/report/consent';
import type { Report } from '../../core/report/report';
import type { Translate } from '../../core/text/i18n';
import { runAutoconsent } from './autoconsent';
import { reportOf, settle, type Driver, type DriverPage } from '../browser/driver';

// The visitor's choice, made by the command line: a click on a selector the auditor gives
// (`--consent`, `--reject`), or the consent manager's own buttons found by autoconsent (`--cmp`).
// A choice counts only once it took effect: the site's consent record changed, or the banner
// closed. One that did not is reported as such, never as the visitor's choice.

export type ChoiceWay = { kind: 'selector'; selector: string; choice: 'accepted' | 'refused' } | { kind: 'cmp'; choice: 'accepted' | 'refused' };

export interface ChoiceResult {
  action: ReportConsentAction;
  /** When the choice was made, if it took effect: the boundary between the audit's two phases. */
  at?: number;
  /** What the auditor should read on stderr. */
  warning?: string;
}

/** How long a choice has to show its effect. */
const EFFECT_MS = 5_000;

type Effect = 'record-changed' | 'banner-closed';

/** What a choice made at `since` shows now: the site's record newer than it, the selector's element gone. */
async function effectNow(d: Driver, page: DriverPage, tabId: number, since: number, selector: string | null): Promise<Effect[]> {
  const r: Report | null = await reportOf(d, tabId).catch(() => null);
  const effect: Effect[] = [];
  if (r?.consent.record && Date.parse(r.consent.record.at) >= since) effect.push('record-changed');
  if (selector !== null && !(await page.isVisible(selector))) effect.push('banner-closed');
  return effect;
}

/** Waits until the choice shows an effect; what it saw. */
async function effectOf(d: Driver, page: DriverPage, tabId: number, since: number, selector: string | null, timeoutMs: number): Promise<Effect[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const effect = await effectNow(d, page, tabId, since, selector);
    if (effect.length > 0 || Date.now() > deadline) return effect;
    await new Promise((res) => setTimeout(res, 100));
  }
}

/**
 * Once the page has settled after a choice, everything it did: a banner often closes before the
 * record's cookie change reaches the worker, and the report should not say only the first.
 */
async function settledEffect(d: Driver, page: DriverPage, tabId: number, since: number, selector: string | null, first: Effect[]): Promise<Effect[]> {
  const now = await effectNow(d, page, tabId, since, selector);
  return (['record-changed', 'banner-closed'] as const).filter((e) => first.includes(e) || now.includes(e));
}

export async function makeChoice(d: Driver, page: DriverPage, tabId: number, way: ChoiceWay, timeoutMs: number, t: Translate): Promise<ChoiceResult> {
  const url = await page.url();
  if (way.kind === 'selector') {
    const flag = way.choice === 'refused' ? '--reject' : '--consent';
    const found = await page.waitForVisible(way.selector, Math.min(timeoutMs, 10_000));
    if (found !== 'visible') {
      // The audit of what the page did on its own is kept; the report and stderr say nothing was clicked.
      const warning = t(found === 'invalid' ? 'cli_selector_invalid' : 'cli_selector_missing', flag, way.selector, url);
      return { action: { kind: 'selector', choice: way.choice, selector: way.selector, outcome: found === 'invalid' ? 'failed' : 'no-banner', ...(found === 'invalid' ? { detail: warning } : {}) }, warning };
    }
    const at = Date.now();
    await page.click(way.selector, Math.min(timeoutMs, 10_000));
    const effect = await effectOf(d, page, tabId, at, way.selector, Math.min(timeoutMs, EFFECT_MS));
    const action: ReportConsentAction = { kind: 'selector', choice: way.choice, selector: way.selector, outcome: effect.length > 0 ? 'done' : 'no-effect', ...(effect.length ? { effect } : {}) };
    if (effect.length === 0) return { action, warning: t('cli_no_effect', way.selector, url) };
    const how = way.choice === 'refused' ? t('cli_clicked_refuse', way.selector) : t('cli_clicked', way.selector);
    await d.call('markConsent', { tabId, choice: way.choice, by: 'selector', how, at });
    await settle(d, page, tabId, Math.min(timeoutMs, 15_000));
    action.effect = await settledEffect(d, page, tabId, at, way.selector, effect);
    return { action, at };
  }
  const ran = await runAutoconsent(page, way.choice, Math.min(timeoutMs, 20_000));
  const action: ReportConsentAction = { kind: 'cmp', choice: way.choice, outcome: ran.outcome, ...(ran.cmp ? { cmp: ran.cmp, rule: ran.cmp } : {}), ...(ran.detail ? { detail: ran.detail } : {}) };
  if (ran.outcome === 'no-banner') return { action, warning: t('cli_cmp_none', url) };
  if (ran.outcome === 'failed' || ran.actedAt === undefined) return { action: { ...action, outcome: 'failed' }, warning: t('cli_cmp_failed', ran.cmp ?? '?', url, ran.detail ?? '?') };
  const effect = await effectOf(d, page, tabId, ran.actedAt, null, Math.min(timeoutMs, EFFECT_MS));
  if (effect.length > 0) action.effect = effect;
  const how = t(way.choice === 'refused' ? 'cli_cmp_how_refused' : 'cli_cmp_how_accepted', ran.cmp ?? '?');
  await d.call('markConsent', { tabId, choice: way.choice, by: 'cmp', how, at: ran.actedAt });
  await settle(d, page, tabId, Math.min(timeoutMs, 15_000));
  const settled = await settledEffect(d, page, tabId, ran.actedAt, null, effect);
  if (settled.length > 0) action.effect = settled;
  return { action, at: ran.actedAt };
}
