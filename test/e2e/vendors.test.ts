import type { Page } from 'playwright-core';
import { serve, type Served } from '../../demo/serve';
import { startRealNamesPortal } from '../fixtures/real-names';
import { launch, openAndSettle, runCli, type Launched } from './harness';
import type { Report } from '../../src/core/report/report';

// The vendor knowledge base in real Chromium: a first-party cookie a vendor's script writes under a
// documented name is reported with its vendor, how and source; an unknown name that script writes
// is known by the script that set it. Chromium resolves the vendor's real host name to a 127.0.0.x
// address (--host-resolver-rules), so the script comes from static.hotjar.com as on a real site.

const VENDOR_IP = '127.0.0.24';
let vendor: Served;
let site: Served;
let l: Launched;

beforeAll(async () => {
  vendor = await serve(VENDOR_IP, {
    '/c/hotjar-1234.js': () => ({
      type: 'text/javascript',
      body: "document.cookie = '_hjSessionUser_1234=eyJpZCI6IjEifQ; path=/; max-age=3600'; document.cookie = 'hj_e2e_unlisted=1; path=/; max-age=3600'; localStorage.setItem('hj_e2e_key', '1');",
    }),
  });
  const port = new URL(vendor.origin).port;
  site = await serve('127.0.0.23', {
    '/': () => ({
      body: `<!doctype html><html><head><meta charset="utf-8"><title>vendors</title></head><body><h1>A shop</h1>
<script>document.cookie = 'portal_own=1; path=/; max-age=3600';</script>
<script src="http://static.hotjar.com:${port}/c/hotjar-1234.js"></script></body></html>`,
    }),
  });
  l = await launch({ extraArgs: [`--host-resolver-rules=MAP static.hotjar.com ${VENDOR_IP}`] });
});
afterAll(async () => {
  await l?.close();
  await Promise.all([site?.close(), vendor?.close()]);
});

const cookieOf = (r: Report, name: string) => r.cookies.find((c) => c.name === name);

describe('vendor knowledge base, end to end', () => {
  let report: Report;
  let popup: Page;
  beforeAll(async () => {
    const { tabId, report: r } = await openAndSettle(l, `${site.origin}/`);
    report = r;
    popup = await l.context.newPage();
    await popup.goto(`chrome-extension://${l.extensionId}/popup.html?tabId=${tabId}`);
    await popup.waitForSelector('#app[data-ready="true"]');
  });

  it("reports a vendor's documented first-party name with its vendor, how and source", () => {
    expect(cookieOf(report, '_hjSessionUser_1234')).toMatchObject({
      party: 'first', category: 'analytics', vendor: 'Hotjar',
      setBy: { kind: 'script', url: expect.stringMatching(/^http:\/\/static\.hotjar\.com:\d+\/c\/hotjar-1234\.js$/) },
      classification: { how: 'family', rule: '_hjSessionUser_{site_id}', source: expect.stringMatching(/^https:\/\/help\.hotjar\.com\//) },
    });
  });
  it('knows an unknown name by the script that set it, and leaves the site’s own unknown', () => {
    expect(cookieOf(report, 'hj_e2e_unlisted')).toMatchObject({ category: 'analytics', vendor: 'Hotjar', classification: { how: 'setter', rule: 'static.hotjar.com' } });
    expect(report.storage.items.find((i) => i.key === 'hj_e2e_key')).toMatchObject({ vendor: 'Hotjar', classification: { how: 'setter' } });
    expect(cookieOf(report, 'portal_own')).toMatchObject({ category: 'unknown', vendor: null, classification: null });
  });
  it('the popup says how each is known and links the documentation', async () => {
    const row = (name: string) => popup.evaluate((n) => {
      const li = document.querySelector(`li[data-cookie-name="${n}"]`);
      return { how: li?.querySelector('[data-how]')?.getAttribute('data-how') ?? null, href: li?.querySelector('dd a')?.getAttribute('href') ?? null, text: li?.textContent ?? '' };
    }, name);
    expect(await row('_hjSessionUser_1234')).toMatchObject({ how: 'family', href: expect.stringMatching(/^https:\/\/help\.hotjar\.com\//) });
    expect((await row('hj_e2e_unlisted')).text).toContain('by the script that set it: static.hotjar.com is Hotjar');
    expect((await row('portal_own')).how).toBeNull();
  });
});

describe('vendor knowledge base, from the command line', () => {
  it("prints a vendor's first-party cookies with their vendor, how and source, in JSON and in text", async () => {
    const portal = await startRealNamesPortal();
    try {
      const json = await runCli([`${portal.origin}/`, '--format', 'json']);
      const r = JSON.parse(json.stdout) as Report;
      expect(r.schema).toBe('cookie-auditor/report@4');
      expect(cookieOf(r, '_hjSessionUser_3021840')).toMatchObject({ vendor: 'Hotjar', classification: { how: 'family', source: expect.stringMatching(/help\.hotjar\.com/) } });
      expect(cookieOf(r, '_pk_id.1.a1b2')).toMatchObject({ vendor: 'Matomo', classification: { how: 'family' } });
      const text = await runCli([`${portal.origin}/`, '--format', 'text']);
      expect(text.stdout).toMatch(/_hjSession_3021840[\s\S]*?known: by the pattern _hjSession_\{site_id\} Hotjar documents/);
    } finally {
      await portal.close();
    }
  });
});
