import type { Driver } from '../../src/cli/browser/driver';
import { launchFirefox } from '../../src/cli/browser/firefox-driver';
import { startFixtures, type Fixtures } from '../fixtures/portal';
import { names, settledIn } from './harness';
import { cookieNamed } from './scenarios';

// Firefox with first-party isolation on (privacy.firstparty.isolate, as the Tor Browser and some
// hardened profiles run it): every cookie is kept per first party, and the cookies API refuses
// queries that do not name one. The audit must still see and attribute everything.

let fx: Fixtures | undefined;
let d: Driver | undefined;
beforeAll(async () => {
  fx = await startFixtures();
  d = await launchFirefox({ prefs: { 'privacy.firstparty.isolate': true } });
});
afterAll(async () => {
  await d?.close();
  await fx?.close();
});

it('records first- and third-party cookies under first-party isolation, each with the first party that holds it', async () => {
  const { report } = await settledIn(d as Driver, `${(fx as Fixtures).portal}/basic`);
  expect(names(report, 'undeclared')).toEqual(['_pk_id.1.abc', 'acct_pref', 'frame_cookie', 'inline_pref', 'temp_token', 'tp_uid']);
  expect(cookieNamed(report, 'tp_uid')).toMatchObject({ party: 'third', partitionSite: '127.0.0.1', setBy: { kind: 'header', type: 'image' } });
  expect(cookieNamed(report, 'sessionid')).toMatchObject({ party: 'first', partitionSite: '127.0.0.1', setBy: { kind: 'header', type: 'main_frame' } });
  expect(cookieNamed(report, '_pk_id.1.abc').setBy).toMatchObject({ kind: 'script', url: `${(fx as Fixtures).portal}/js/analytics.js` });
});
