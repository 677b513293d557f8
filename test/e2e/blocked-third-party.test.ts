import type { Fixtures } from '../fixtures/portal';
import { withBrowser, openAndSettle, popupGroups, type Launched } from './harness';

// A user's own Chromium blocks third-party cookies by default: the popup must say the audit
// may be incomplete, since the portal may set more where they are allowed.

let fx: Fixtures;
let l: Launched;
withBrowser(
  (f, b) => {
    fx = f;
    l = b;
  },
  { allowThirdPartyCookies: false },
);

it('warns in the popup that third-party cookies are blocked, and the report says so', async () => {
  const { tabId, report } = await openAndSettle(l, `${fx.portal}/basic`);
  expect(report.environment.thirdPartyCookies).toBe('blocked');
  expect(report.cookies.find((c) => c.name === 'tp_uid')).toBeUndefined();
  const { page } = await popupGroups(l, tabId);
  expect(await page.locator('.notice').textContent()).toMatch(/blocks third-party cookies/);
  await page.close();
});
