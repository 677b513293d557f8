import fs from 'node:fs';
import path from 'node:path';
import type { DriverPage } from '../browser/driver';

// `--cmp accept|reject`: the consent banner found and operated by DuckDuckGo's autoconsent (MPL-2.0),
// with its own rules (several hundred consent managers). Its Playwright bundle is injected into the
// page as its documentation (docs/puppeteer.md) describes; it talks to us through two globals,
// `autoconsentSendMessage` (page to us) and `autoconsentReceiveMessage` (us to page). Instead of a
// binding, which the two drivers expose differently, its messages wait in a page array that we
// read every 100 ms: the same code then serves Chromium and Firefox.

const AUTOCONSENT_DIR = path.join(path.dirname(require.resolve('@duckduckgo/autoconsent/rules/rules.json')), '..');

let bundle: { script: string; rules: unknown } | undefined;
function autoconsentBundle(): { script: string; rules: unknown } {
  bundle ??= {
    script: fs.readFileSync(path.join(AUTOCONSENT_DIR, 'dist', 'autoconsent.playwright.js'), 'utf8'),
    rules: JSON.parse(fs.readFileSync(path.join(AUTOCONSENT_DIR, 'rules', 'rules.json'), 'utf8')) as unknown,
  };
  return bundle;
}

export function autoconsentVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(AUTOCONSENT_DIR, 'package.json'), 'utf8')) as { version: string }).version;
}

const OUTBOX = '__cookieAuditorAutoconsent';

/** What autoconsent did: the consent manager it found, when it acted, and how it ended. */
export interface CmpOutcome {
  outcome: 'done' | 'no-banner' | 'failed';
  /** The rule that matched (autoconsent names rules after the consent manager). */
  cmp?: string;
  /** When the action started: the visitor's choice dates from here. */
  actedAt?: number;
  detail?: string;
}

interface Message {
  type: string;
  cmp?: string;
  result?: boolean;
  id?: string;
  code?: string;
  details?: unknown;
  state?: { lifecycle?: string; detectedCmps?: string[] };
}

/**
 * Finds the consent banner and accepts or refuses through it. Resolves when autoconsent is done,
 * has found nothing, or `timeoutMs` ran out; never throws for what the page does.
 */
export async function runAutoconsent(page: DriverPage, choice: 'accepted' | 'refused', timeoutMs: number): Promise<CmpOutcome> {
  const { script, rules } = autoconsentBundle();
  const shim = `window.autoconsentSendMessage = (m) => { (window.${OUTBOX} = window.${OUTBOX} || []).push(JSON.stringify(m)); return Promise.resolve(); };`;
  await page.evaluateSource(`${shim}\n${script}\n;true`);
  const send = (message: object): Promise<unknown> =>
    page.evaluate((m: string) => (window as unknown as { autoconsentReceiveMessage?: (x: unknown) => unknown }).autoconsentReceiveMessage?.(JSON.parse(m)) ?? null, JSON.stringify(message)).catch(() => null);
  const config = {
    enabled: true,
    // We start the action ourselves once the popup is found, to date the choice from that moment.
    autoAction: null,
    disabledCmps: [],
    enablePrehide: false,
    // Cosmetic rules only hide a banner: that is no choice, so they are not used.
    enableCosmeticRules: false,
    enableGeneratedRules: true,
    enableHeuristicDetection: false,
    enablePopupMutationObserver: true,
    detectRetries: 20,
    isMainWorld: false,
    prehideTimeout: 2000,
    visualTest: false,
    performanceLoggingEnabled: false,
    heuristicPopupSearchTimeout: 0,
    heuristicMode: 'off',
    logs: { lifecycle: false, rulesteps: false, detectionsteps: false, evals: false, errors: false, messages: false, waits: false },
  };
  const deadline = Date.now() + timeoutMs;
  const out: CmpOutcome = { outcome: 'no-banner' };
  for (;;) {
    const inbox = await page
      .evaluate((box: string) => ((window as unknown as Record<string, string[] | undefined>)[box] ?? []).splice(0), OUTBOX)
      .catch(() => [] as string[]);
    for (const raw of inbox) {
      let m: Message;
      try {
        m = JSON.parse(raw) as Message;
      } catch {
        continue;
      }
      if (m.type === 'init') await send({ type: 'initResp', config, rules });
      else if (m.type === 'eval' && m.id && typeof m.code === 'string') {
        // Rules that call a consent manager's own API run in the page's world.
        const result = await page.evaluateSource(m.code).catch(() => false);
        await send({ type: 'evalResp', id: m.id, result });
      } else if (m.type === 'cmpDetected' && m.cmp) out.cmp = m.cmp;
      else if (m.type === 'popupFound' && out.actedAt === undefined) {
        out.cmp = m.cmp ?? out.cmp;
        out.actedAt = Date.now();
        await send({ type: choice === 'accepted' ? 'optIn' : 'optOut' });
      } else if ((m.type === 'optInResult' || m.type === 'optOutResult') && m.result === false) {
        return { ...out, outcome: 'failed', detail: `autoconsent's ${m.cmp ?? out.cmp ?? '?'} rule could not ${choice === 'accepted' ? 'accept' : 'refuse'}` };
      } else if (m.type === 'autoconsentDone') {
        return { ...out, outcome: 'done', cmp: m.cmp ?? out.cmp };
      } else if (m.type === 'autoconsentError') {
        return { ...out, outcome: 'failed', detail: String(JSON.stringify(m.details) ?? 'autoconsent error').slice(0, 300) };
      } else if (m.type === 'report' && m.state?.lifecycle === 'nothingDetected' && out.actedAt === undefined) {
        return out;
      }
    }
    if (Date.now() > deadline) {
      return out.actedAt !== undefined ? { ...out, outcome: 'failed', detail: `autoconsent did not finish within ${Math.round(timeoutMs / 1000)} s` } : out;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
