import { chromiumDriver } from '../../src/cli/browser/chromium-driver';
import type { Driver } from '../../src/cli/browser/driver';
import { launch, type Launched } from '../../src/cli/browser/launch';
import type { Report, ReportCookie } from '../../src/core/report/report';
import { startDemoPortal } from '../../demo/portal';
import { startRealisticPortal } from '../../demo/realistic';
import { startFixtures, type Fixtures } from '../fixtures/portal';
import { eventually, settledIn } from './harness';
import { audited, openPopup } from './scenarios';

// The two recording modes of Chromium side by side on the same pages: passive (the default while
// browsing: no 'extraHeaders', header attributions inferred from the responses just before each
// change) and full evidence (every Set-Cookie header seen, as the command line records). An
// inferred attribution must agree with the exact one, or say it is ambiguous: never a confident
// wrong answer.

let passive: Launched;
let full: Launched;
let fx: Fixtures;
let realistic: Awaited<ReturnType<typeof startRealisticPortal>>;
let demo: Awaited<ReturnType<typeof startDemoPortal>>;
beforeAll(async () => {
  [passive, full, fx, realistic, demo] = await Promise.all([launch({ evidence: 'passive' }), launch(), startFixtures(), startRealisticPortal(), startDemoPortal()]);
});
afterAll(async () => {
  await Promise.all([passive?.close(), full?.close(), fx?.close(), realistic?.close(), demo?.close()]);
});

const key = (c: ReportCookie): string => `${c.name}@${c.domain}${c.path}`;

/** Each cookie's attribution in passive mode against the exact one: agrees, ambiguous, unknown, or wrong. */
function compareModes(p: Report, f: Report): Record<'agree' | 'ambiguous' | 'unknown' | 'wrong', string[]> {
  const out = { agree: [] as string[], ambiguous: [] as string[], unknown: [] as string[], wrong: [] as string[] };
  const inPassive = new Map(p.cookies.map((c) => [key(c), c]));
  for (const exact of f.cookies) {
    const guess = inPassive.get(key(exact));
    if (!guess) throw new Error(`${key(exact)} is in the full-evidence audit only`);
    const g = guess.setBy;
    const e = exact.setBy;
    if (g.kind === 'unknown') out.unknown.push(key(exact));
    else if (g.kind === e.kind && g.url === e.url) (g.inferred && g.inferred.of > 1 ? out.ambiguous : out.agree).push(key(exact));
    else if (g.inferred && g.inferred.of > 1) out.ambiguous.push(key(exact));
    else out.wrong.push(`${key(exact)}: ${g.kind} ${g.url ?? ''} instead of ${e.kind} ${e.url ?? ''}`);
  }
  return out;
}

async function both(url: string): Promise<{ p: Report; f: Report }> {
  const [a, b] = await Promise.all([settledIn(chromiumDriver(passive), url), settledIn(chromiumDriver(full), url)]);
  return { p: a.report, f: b.report };
}

it.each([
  ['the realistic portal page', () => realistic.url],
  ['the demo portal', () => demo.url],
  ['the core-loop fixture', () => `${fx.portal}/basic`],
])('on %s, inferred attributions agree with the exact ones, or say they are ambiguous', async (_, url) => {
  const { p, f } = await both(url());
  expect(p.environment.evidence).toBe('passive');
  expect(f.environment.evidence).toBe('full');
  expect(p.cookies.map(key).sort()).toEqual(f.cookies.map(key).sort());
  expect(f.cookies.some((c) => c.setBy.inferred)).toBe(false);
  const verdict = compareModes(p, f);
  // Recorded for the closing note of the issue: how often passive mode is exactly right.
  process.stderr.write(`evidence modes, ${_}: ${JSON.stringify({ agree: verdict.agree.length, ambiguous: verdict.ambiguous.length, unknown: verdict.unknown.length, wrong: verdict.wrong })}\n`);
  expect(verdict.wrong).toEqual([]);
  expect(verdict.agree.length).toBeGreaterThan(0);
  // Every header cookie inferred, none silently left to "unknown" when a response was seen for it.
  expect(p.cookies.filter((c) => c.setBy.kind === 'header').every((c) => c.setBy.inferred !== undefined)).toBe(true);
});

it('"Record full evidence for this tab" reloads the tab and records its headers exactly', async () => {
  const d: Driver = chromiumDriver(passive);
  const { tabId } = await settledIn(d, realistic.url);
  const popup = await openPopup(d, tabId);
  expect(await popup.evaluate(() => document.querySelector('.evidence')?.getAttribute('data-evidence'), null)).toBe('passive');
  await popup.click('#full-evidence', 5_000);
  await eventually(async () => {
    const r = await audited(d, tabId);
    expect(r.environment.evidence).toBe('full');
    // The reload's new token: its Set-Cookie is seen, the change exact. (A cookie written again
    // unchanged makes no change at all in Chromium, so there is nothing to attribute.)
    const token = r.cookies.find((c) => c.name === 'csrftoken');
    expect(token?.events.length).toBeGreaterThanOrEqual(2);
    expect(token?.events[0]?.setBy.inferred).toBeDefined();
    expect(token?.events[0]?.setBy.url).toBe(realistic.url);
    expect(token?.events.at(-1)?.setBy).toEqual({ kind: 'header', url: realistic.url });
  }, 10_000);
  await eventually(async () => expect(await popup.evaluate(() => document.querySelector('.evidence')?.getAttribute('data-evidence'), null)).toBe('full'), 5_000);
  await popup.close();
});
