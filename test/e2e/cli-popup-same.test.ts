import { startDemoPortal, type DemoPortal } from '../../demo/portal';
import { launchChromium } from '../../src/cli/browser/chromium-driver';
import { BROWSERS, type BrowserKind, type Driver } from '../../src/cli/browser/driver';
import { launchFirefox } from '../../src/cli/browser/firefox-driver';
import type { Report } from '../../src/core/report/report';
import { startCmpPortals } from '../fixtures/cmp-portals';
import { eventually, readPopupGroups, runCli } from './harness';

// The command line and the popup give the same report on the same pages: the CLI settles only when
// no check of its evidence is pending, and the popup refreshes until none is. Each page is audited
// once through `npm run audit` and once by opening it and reading the popup, in both browsers.

let cmp: Awaited<ReturnType<typeof startCmpPortals>> | undefined;
let demo: DemoPortal | undefined;
beforeAll(async () => {
  cmp = await startCmpPortals();
  demo = await startDemoPortal();
});
afterAll(async () => {
  await cmp?.close();
  await demo?.close();
});

type Seen = { groups: Record<string, string[]>; findings: string[] };

/** What a report holds, in the popup's terms: its groups of names, and its findings' rules. */
function asPopup(r: Report): Seen {
  const names = (xs: Array<{ name: string }>): string[] => xs.map((x) => x.name).sort();
  const groups: Record<string, string[]> = {
    undeclared: names(r.cookies.filter((c) => c.status === 'undeclared')),
    declared: names(r.cookies.filter((c) => c.status === 'declared')),
    missing: names(r.missing),
  };
  if (r.refused.length > 0) groups.refused = names(r.refused);
  return { groups, findings: r.findings.map((f) => `${f.rule}:${f.cookies[0]?.split('@')[0] ?? ''}`).sort() };
}

/** Runs in the popup: its groups of names and its findings, once nothing is pending. */
function readPopup(): Seen | null {
  if (document.querySelector('#app[data-ready="true"]') === null || document.querySelector('.pending') !== null) return null;
  const groups = (globalThis as unknown as { readPopupGroups: () => Record<string, string[]> }).readPopupGroups();
  const findings = [...document.querySelectorAll<HTMLElement>('li.finding')].map((li) => `${li.dataset.rule ?? ''}:${(li.dataset.cookie ?? '').split('@')[0] ?? ''}`).sort();
  return { groups, findings };
}

const launchers: Record<BrowserKind, () => Promise<Driver>> = { chromium: () => launchChromium(), firefox: () => launchFirefox() };

// Chromium: look-again.test.ts audits the refused-writes page through the CLI in Firefox.
describe.each(BROWSERS.filter((b) => b === 'chromium'))('in %s', (browser) => {
  it('the refused-writes page, tarteaucitron and the demo: the CLI and the popup show the same cookies, refused writes and findings', async () => {
    const pages = [`${cmp?.origin}/refused-writes/`, `${cmp?.origin}/tarteaucitron/`, demo?.url as string];
    const d = await launchers[browser]();
    try {
      for (const url of pages) {
        const run = await runCli([url, '--browser', browser, '--format', 'json', '--fail-on', 'none']);
        expect(run.stderr).toBe('');
        const report = JSON.parse(run.stdout) as Report;
        // Served fast, the refused-writes page's four refusals are all there: the CLI waited for its check.
        if (url.includes('refused-writes')) expect(report.refused.map((x) => x.name).sort()).toEqual(['__Host-with_domain', 'header_other_domain', 'none_insecure', 'script_other_domain']);
        const cli = asPopup(report);
        const page = await d.newPage();
        await page.goto(url, 30_000);
        const popup = await d.openExtensionPage(`popup.html?tabId=${await d.tabIdOf(page)}`);
        await popup.evaluateSource(`globalThis.readPopupGroups = ${readPopupGroups.toString()}`);
        await eventually(async () => expect(await popup.evaluate(readPopup, null)).toEqual(cli), 15_000);
        await popup.close();
        await page.close();
      }
    } finally {
      await d.close();
    }
  });
});
