import type { Fixtures } from '../fixtures/portal';
import { eventually, withBrowser, openAndSettle, popupGroups, reportOf, type Launched } from './harness';

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
  // The pixel's Set-Cookie and the frame's script write were refused: evidence, listed with why.
  await eventually(async () => {
    const r = await reportOf(l, tabId);
    expect(r.refused.map((x) => [x.name, x.reason, x.setBy.kind]).sort()).toEqual([['frame_cookie', 'third-party-blocked', 'script'], ['tp_uid', 'third-party-blocked', 'header']]);
  }, 10_000);
  const { page } = await popupGroups(l, tabId);
  expect(await page.locator('.notice').textContent()).toMatch(/blocks third-party cookies/);
  expect(await page.locator('section[data-group="refused"] li[data-cookie-name="tp_uid"]').textContent()).toContain('tp_uid was refused: the browser blocks third-party cookies.');
  await page.close();
});
