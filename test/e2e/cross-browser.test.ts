import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../../src/cli/browser/chromium-driver';
import { BROWSERS, type BrowserKind, type Driver } from '../../src/cli/browser/driver';
import { launchFirefox } from '../../src/cli/browser/firefox-driver';
import { startCrawlPortal, startFixtures, type Fixtures } from '../fixtures/portal';
import { settledIn } from './harness';
import { SCENARIOS, type ScenarioContext } from './scenarios';
import { DECLARED_SCENARIOS } from './scenarios-declared';

// Every scenario of scenarios.ts, in every browser: real headless Chromium and real Firefox ESR,
// each driven the way the CLI drives it.

const launchers: Record<BrowserKind, () => Promise<Driver>> = { chromium: () => launchChromium({ incognito: true }), firefox: () => launchFirefox() };

describe.each(BROWSERS)('in %s', (browser) => {
  let fx: Fixtures | undefined;
  let crawlSite: Awaited<ReturnType<typeof startCrawlPortal>> | undefined;
  let ctx: ScenarioContext | undefined;
  beforeAll(async () => {
    fx = await startFixtures();
    crawlSite = await startCrawlPortal(fx.third);
    const d = await launchers[browser]();
    ctx = { d, fx, browser, crawlSite: crawlSite.origin, basic: await settledIn(d, `${fx.portal}/basic`) };
  });
  afterAll(async () => {
    await ctx?.d.close();
    await crawlSite?.close();
    await fx?.close();
  });

  for (const s of [...SCENARIOS, ...DECLARED_SCENARIOS]) {
    const reason = s.notIn?.[browser];
    if (reason === undefined) {
      it(s.name, async () => s.run(ctx as ScenarioContext));
    }
  }
});

it("names every scenario that cannot run in a browser, with the reason, in the browser table of docs/browsers.md", () => {
  const readme = fs.readFileSync(path.join(__dirname, '../../docs/browsers.md'), 'utf8');
  const excluded = [...SCENARIOS, ...DECLARED_SCENARIOS].flatMap((s) => Object.entries(s.notIn ?? {}).map(([b, why]) => ({ scenario: s.name, browser: b, why })));
  for (const e of excluded) expect(readme).toContain(e.why);
});
