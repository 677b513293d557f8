import type { Report } from '../../src/core/report/report';
import { startFlood, type Fixtures } from '../fixtures/portal';
import net from 'node:net';
import { withBrowser, names, openAndSettle, popupGroups, reportOf, runCli, type Launched } from './harness';

// Bad input in real Chromium: hostile cookie names and values, a flood of cookies across many
// sites (past Chromium's caps, so some are evicted), and command lines that cannot work.

let fx: Fixtures;
let l: Launched;
withBrowser((f, b) => {
  fx = f;
  l = b;
});

describe('hostile cookies', () => {
  it('records them and shows them as text in the popup, executing nothing', async () => {
    const { tabId } = await openAndSettle(l, `${fx.portal}/hostile`);
    const r = await reportOf(l, tabId, true);
    expect(names(r)).toEqual(
      expect.arrayContaining(['<b>bold</b>', '<script>alert(1)</script>', '__proto__', 'constructor', 'big', 'unicode_é_🍪']),
    );
    expect(r.cookies.find((c) => c.name === 'big')?.value).toHaveLength(4000);

    const { page } = await popupGroups(l, tabId);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.check('#show-values');
    await page.waitForFunction(() => document.body.textContent?.includes('onerror=alert(2)'));
    const found = await page.evaluate(() => ({
      injected: document.querySelectorAll('main img, main script, main b, main i').length,
      text: document.body.textContent ?? '',
      shown: [...document.querySelectorAll('li .name')].map((n) => n.textContent),
    }));
    expect(found.injected).toBe(0);
    expect(found.shown).toEqual(expect.arrayContaining(['<b>bold</b>', '<script>alert(1)</script>', '__proto__', 'constructor', 'unicode_é_🍪']));
    expect(found.text).toContain('<img src=x onerror=alert(2)>');
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    await page.close();
  });
});

describe('a flood of cookies across many sites', () => {
  it('records every cookie that was set, marks the evicted ones, and the popup shows them all', async () => {
    // 32 sites x 200 cookies = 6,400: each site is over Chromium's 180 per domain, so it evicts
    // (Chromium 156 kept all 5,120 of 32 x 160: no limit on the whole jar bit there). Thousands of
    // distinct cookies set once each are not summarised: a summary would take as much room.
    const flood = await startFlood(32, 200);
    try {
      const { tabId } = await openAndSettle(l, flood.page);
      let r: Report = await reportOf(l, tabId);
      for (let i = 0; i < 50 && r.cookies.filter((c) => c.name.startsWith('flood_')).length < flood.expected; i++) {
        await new Promise((res) => setTimeout(res, 200));
        r = await reportOf(l, tabId);
      }
      const flooded = r.cookies.filter((c) => c.name.startsWith('flood_'));
      // Every write was stored (then some evicted): none is reported as refused, however late its change came.
      expect(r.refused).toEqual([]);
      expect(flooded).toHaveLength(flood.expected);
      expect(flooded.every((c) => c.party === 'third' && c.setBy.kind === 'header')).toBe(true);
      const evicted = flooded.filter((c) => c.removedBy === 'evict');
      expect(evicted.length).toBeGreaterThan(0);
      expect(evicted.every((c) => !c.present)).toBe(true);

      const t0 = Date.now();
      const { page, groups } = await popupGroups(l, tabId);
      const renderMs = Date.now() - t0;
      // The popup opens on the first rows of the group at once, and shows them all on request.
      expect(groups.undeclared).toHaveLength(50);
      expect(await page.textContent('[data-more="undeclared"]')).toBe(`Show 200 more (${flood.expected - 50} not shown)`);
      expect(renderMs).toBeLessThan(20_000);
      await page.click('[data-all="undeclared"]');
      await page.waitForFunction((n) => document.querySelectorAll('section[data-group="undeclared"] li.cookie').length === n, flood.expected, { timeout: 30_000 });
      expect(await page.locator('.tag.gone').count()).toBe(evicted.length);
      expect(await page.locator('[data-more="undeclared"]').count()).toBe(0);
      await page.close();
    } finally {
      await flood.close();
    }
  });
});

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

describe('command lines that cannot work', () => {
  it('an address that does not answer exits 2 with a one-line message', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/portal`;
    const run = await runCli([url]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`Could not load ${url}`);
    expect(run.stderr).toMatch(/ERR_CONNECTION_REFUSED/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it.each([
    [['file:///etc/passwd'], /Only http and https pages can be audited/],
    [['--format', 'xml', 'http://127.0.0.1/'], /--format must be one of text, json, csv, html, md/],
    [[], /Give a URL to audit, or --demo/],
  ])('%j exits 2 with a one-line message', async (argv, message) => {
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('says how to install Chromium when it is missing', async () => {
    const run = await runCli(['http://127.0.0.1/'], { CHROME_PATH: '/nonexistent/chromium' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Chromium not found.*apt-get install -y chromium/);
  });

  it('keeps the report when the output file cannot be written', async () => {
    const run = await runCli([`${fx.portal}/page2`, '--out', '/nonexistent-dir/report.txt']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Could not write \/nonexistent-dir\/report.txt \(ENOENT\)/);
    expect(run.stdout).toMatch(/second_page/);
  });
});
