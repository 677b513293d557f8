import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IncomingMessage } from 'node:http';
import { serve } from '../../demo/serve';
import { extensionCall, tabIdOf } from '../../src/cli/browser/chromium-driver';
import type { Fixtures } from '../fixtures/portal';
import { eventually, launch, names, openAndSettle, reportOf, stopServiceWorker, withBrowser, type Launched } from './harness';

// What a hostile page or a stopped worker cannot do to the evidence, and what the extension never
// does on the network, checked in real Chromium.

let fx: Fixtures;
let l: Launched;
withBrowser((f, b) => {
  fx = f;
  l = b;
});

describe('a page cannot forge evidence', () => {
  it("through the hook's channel it can neither invent cookies nor claim another portal's", async () => {
    const other = await openAndSettle(l, `${fx.other}/`);
    const forger = await openAndSettle(l, `${fx.portal}/forge`);
    // While the forger fires its fake writes, the other portal really sets its cookie again.
    await other.page.reload();
    await forger.page.waitForFunction(() => document.title === 'forged');
    await eventually(async () => expect(names(await reportOf(l, other.tabId))).toEqual(['other_session']));
    const r = await reportOf(l, forger.tabId);
    expect(names(r)).toEqual(['real_one']);
    const o = await reportOf(l, other.tabId);
    expect(o.cookies[0]?.setBy).toMatchObject({ kind: 'header', url: `${fx.other}/` });
    expect(o.cookies[0]?.events.every((e) => e.setBy.kind === 'header')).toBe(true);
    await forger.page.close();
    await other.page.close();
  });
});

describe('a service worker stopped again and again', () => {
  it('loses and doubles nothing: 10 stops during a visit that sets a cookie every 100 ms', async () => {
    const page = await l.context.newPage();
    await page.goto(`${fx.portal}/ticker?n=40`);
    const tabId = await tabIdOf(l, page);
    let stops = 0;
    for (let i = 0; i < 10; i++) {
      await new Promise((r) => setTimeout(r, 300));
      // Between two cookies the worker may already be stopped: that try does not count.
      stops += await stopServiceWorker(l).then(() => 1, () => 0);
    }
    expect(stops).toBeGreaterThanOrEqual(8);
    await page.waitForFunction(() => document.title === 'done', undefined, { timeout: 20_000 });
    await eventually(async () => {
      const r = await reportOf(l, tabId);
      const ticks = r.cookies.filter((c) => c.name.startsWith('tick_'));
      expect(ticks).toHaveLength(40);
    }, 10_000);
    const ticks = (await reportOf(l, tabId)).cookies.filter((c) => c.name.startsWith('tick_'));
    expect(ticks.map((c) => c.name)).toEqual(Array.from({ length: 40 }, (_, i) => `tick_${String(i).padStart(3, '0')}`));
    expect(ticks.map((c) => c.eventCount)).toEqual(Array(40).fill(1));
    await page.close();
  }, 60_000);
});

/** Every request a Chromium net log saw start, with its initiator ("not an origin" for the browser's own). */
function startedRequests(log: string): Array<{ url: string; initiator: string }> {
  const parsed = JSON.parse(log.trimEnd().endsWith('}') ? log : `${log.trimEnd().replace(/,$/, '')}]}`) as {
    constants: { logEventTypes: Record<string, number> };
    events: Array<{ type: number; params?: { url?: string; initiator?: string } }>;
  };
  const start = parsed.constants.logEventTypes.URL_REQUEST_START_JOB;
  return parsed.events
    .filter((e) => e.type === start && e.params?.url !== undefined)
    .map((e) => ({ url: e.params?.url as string, initiator: e.params?.initiator ?? 'not an origin' }));
}

describe('the network', () => {
  it('the extension makes no request of its own; a policy it is asked to read is loaded once, without cookies', async () => {
    const netLog = path.join(os.tmpdir(), `cookie-auditor-netlog-${process.pid}.json`);
    const policyRequests: Array<{ cookie: string | undefined }> = [];
    const policy = await serve('127.0.0.1', {
      '/cookies-policy': (_url, req: IncomingMessage) => {
        policyRequests.push({ cookie: req.headers.cookie });
        return { body: '<table><tr><th>Cookie name</th><th>Purpose</th></tr><tr><td>sessionid</td><td>session</td></tr></table>' };
      },
    });
    const b = await launch({ extraArgs: [`--log-net-log=${netLog}`] });
    try {
      const { tabId } = await openAndSettle(b, `${fx.portal}/basic`);
      await extensionCall(b, 'readPolicy', { tabId, url: `${policy.origin}/cookies-policy` });
      await new Promise((r) => setTimeout(r, 1500)); // anything the extension would send late
    } finally {
      await b.close();
      await policy.close();
    }
    const requests = startedRequests(fs.readFileSync(netLog, 'utf8'));
    fs.rmSync(netLog, { force: true });
    // Who started each request is in the log: the extension's carry its origin as initiator.
    const ours = requests.filter((r) => r.initiator === `chrome-extension://${b.extensionId}`).map((r) => r.url);
    expect(ours).toEqual([`${policy.origin}/cookies-policy`]);
    // The pages' own requests (the hook runs in them) go only where the pages point.
    const fromPages = requests.filter((r) => r.initiator !== 'not an origin' && !r.initiator.startsWith('chrome-extension://'));
    const allowed = [fx.portal, fx.third];
    expect(fromPages.map((r) => r.url).filter((u) => !allowed.some((o) => u.startsWith(o)))).toEqual([]);
    // What is left is the browser's own traffic (update checks and the like), started by no origin.
    expect(requests.every((r) => ours.includes(r.url) || fromPages.includes(r) || r.initiator === 'not an origin')).toBe(true);
    expect(policyRequests).toEqual([{ cookie: undefined }]);
  }, 60_000);
});

describe('storage full', () => {
  it('the audit goes on in memory, the popup says so, the export holds everything, and it recovers', async () => {
    // A browser of its own: in a shared one, facts left by earlier tests are pruned once their tabs
    // close, at a moment no test controls, and that frees the very room this test filled.
    const b = await launch();
    const worker = b.worker as NonNullable<Launched['worker']>;
    try {
      // Fill the session storage up to its quota with something that is not ours to delete.
      await worker.evaluate(async () => {
        const quota = (chrome.storage.session as unknown as { QUOTA_BYTES: number }).QUOTA_BYTES;
        const used = await chrome.storage.session.getBytesInUse(null);
        await chrome.storage.session.set({ 'zz-test-padding': 'x'.repeat(quota - used - 200) });
      });
      const { tabId } = await openAndSettle(b, `${fx.portal}/basic`);
      const r = await reportOf(b, tabId);
      expect(r.environment.storageError?.message).toMatch(/quota/i);
      expect(names(r, 'undeclared')).toEqual(['_pk_id.1.abc', 'acct_pref', 'frame_cookie', 'inline_pref', 'temp_token', 'tp_uid']);
      const popup = await b.context.newPage();
      await popup.goto(`chrome-extension://${b.extensionId}/popup.html?tabId=${tabId}`);
      await popup.waitForSelector('#app[data-ready="true"]');
      expect(await popup.textContent('[data-problem="storage"]')).toMatch(/could not save this audit.*export the audit now/i);
      const [download] = await Promise.all([popup.waitForEvent('download'), popup.click('button[data-export="json"]')]);
      const saved = JSON.parse(fs.readFileSync(await download.path(), 'utf8')) as { cookies: unknown[] };
      expect(saved.cookies).toHaveLength(8);
      await popup.close();
      // Room again: the next write stores what was kept in memory, and the warning goes.
      await worker.evaluate(() => chrome.storage.session.remove('zz-test-padding'));
      await openAndSettle(b, `${fx.portal}/page2`);
      await eventually(async () => expect((await reportOf(b, tabId)).environment.storageError).toBeUndefined());
      const stored = await worker.evaluate(async () => Object.keys(await chrome.storage.session.get(null)).filter((k) => k.startsWith('chg:')).length);
      expect(stored).toBeGreaterThanOrEqual(9);
    } finally {
      await b.close();
    }
  }, 60_000);
});
