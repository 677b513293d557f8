import type { Report } from '../../src/core/report/report';
import { startRealNamesPortal } from '../fixtures/real-names';
import { eventually, runCli, settledIn } from './harness';
import { audited, cookieNamed, openPopup, type Scenario } from './scenarios';

// Scenarios of the declared side on real-shaped pages: names as real trackers write them, matched
// against a policy written as real policies are. Run in every browser by cross-browser.test.ts.

const EXPECTED_MATCHES = {
  sessionid: 'exact',
  _ga_H8W2K9: 'pattern',
  '_pk_id.1.a1b2': 'provider',
  '_pk_ses.1.a1b2': 'provider',
  _hjSessionUser_3021840: 'family',
};

function matches(r: Report): Record<string, string> {
  return Object.fromEntries(r.cookies.map((c) => [c.name, c.match?.kind ?? c.status]));
}

export const DECLARED_SCENARIOS: Scenario[] = [
  {
    name: 'matches names as real trackers write them to a real-shaped policy, and says how, in the report and the popup',
    async run({ d }) {
      const portal = await startRealNamesPortal();
      try {
        const { page, tabId } = await settledIn(d, `${portal.origin}/`);
        const preview = await d.call('readPolicy', { tabId });
        expect(preview.providers.map((p) => p.provider)).toEqual(['Matomo']);
        expect(preview.problems.join('\n')).toMatch(/“Unique name \(dynamically generated\)” describes cookies rather than naming them/);
        await d.call('saveDeclaredList', { scope: { site: '127.0.0.5' }, list: { name: 'Policy', source: preview.url, cookies: preview.cookies, providers: preview.providers } });
        const r = await audited(d, tabId);
        expect(matches(r)).toEqual({ ...EXPECTED_MATCHES, _hjSession_3021840: 'undeclared', _rdt_uuid: 'undeclared' });
        // A vendor the curated table leaves out is known from its own documentation, shipped in the build.
        expect(cookieNamed(r, '_rdt_uuid')).toMatchObject({ vendor: expect.stringMatching(/^Reddit/), category: 'advertising', classification: { how: 'exact', source: expect.stringMatching(/^https:\/\//) } });
        expect(cookieNamed(r, '_hjSessionUser_3021840').match?.rule).toBe('family: Hotjar writes _hjSessionUser as _hjSessionUser_<site id>');
        expect(r.findings.filter((f) => f.rule.startsWith('declared-')).map((f) => f.id).sort()).toEqual([
          'declared-by-provider-only:_pk_id.1.a1b2@127.0.0.5/',
          'declared-by-provider-only:_pk_ses.1.a1b2@127.0.0.5/',
          'declared-category-mismatch:_ga_H8W2K9@127.0.0.5/',
        ]);
        const popup = await openPopup(d, tabId);
        const text = await popup.evaluate(() => document.querySelector('li[data-cookie-name="_hjSessionUser_3021840"]')?.textContent ?? '', null);
        expect(text).toContain('Hotjar writes _hjSessionUser as _hjSessionUser_<site id>');
        const ga = await popup.evaluate(() => document.querySelector('li[data-cookie-name="_ga_H8W2K9"]')?.textContent ?? '', null);
        expect(ga).toContain('by the declared pattern _ga_*');
        await popup.close();
        await page.close();
        await d.call('resetDeclaredList', { scope: { site: '127.0.0.5' } });
      } finally {
        await portal.close();
      }
    },
  },
  {
    name: 'the command line reads a real-shaped policy (--policy) and prints how each declared cookie matched',
    async run({ browser }) {
      const portal = await startRealNamesPortal();
      try {
        const json = await runCli([`${portal.origin}/`, '--browser', browser, '--policy', `${portal.origin}/terms/cookies-policy/`, '--format', 'json']);
        const r = JSON.parse(json.stdout) as Report;
        expect(matches(r)).toEqual({ ...EXPECTED_MATCHES, _hjSession_3021840: 'undeclared', _rdt_uuid: 'undeclared' });
        const text = await runCli([`${portal.origin}/`, '--browser', browser, '--policy', `${portal.origin}/terms/cookies-policy/`]);
        expect(text.stdout).toContain('matched: family: Hotjar writes _hjSessionUser as _hjSessionUser_<site id>');
        expect(text.stdout).toContain('matched: by its provider Matomo only');
        expect(text.code).toBe(1);
        // A policy with no table: the names its sentences make recognisable, said to be read from prose.
        const prose = await runCli([`${portal.origin}/`, '--browser', browser, '--policy', `${portal.origin}/prose-policy/`, '--format', 'json']);
        expect(prose.stderr).toMatch(/No table names a cookie: 3 names were read from the text/);
        const p = JSON.parse(prose.stdout) as Report;
        expect(p.declaredList.cookies.map((c) => [c.name, c.readFrom])).toEqual([['sessionid', 'prose'], ['_pk_id', 'prose'], ['_pk_ses', 'prose']]);
        expect(matches(p)).toEqual({ sessionid: 'exact', '_pk_id.1.a1b2': 'family', '_pk_ses.1.a1b2': 'family', _ga_H8W2K9: 'undeclared', _hjSessionUser_3021840: 'undeclared', _hjSession_3021840: 'undeclared', _rdt_uuid: 'undeclared' });
      } finally {
        await portal.close();
      }
    },
  },
  {
    name: 'reads the lifetime a site asks for as the browser reads Expires (RFC 6265 dates), and none from a date the browser ignores',
    async run({ d, fx }) {
      const { page, tabId } = await settledIn(d, `${fx.portal}/expires`);
      const r = await audited(d, tabId);
      for (const name of ['exp_rfc1123', 'exp_rfc850', 'exp_asctime', 'exp_trailing']) {
        const c = cookieNamed(r, name);
        expect([name, Math.abs((c.requestedLifetime ?? 0) - (c.appliedLifetime ?? -1)) <= 2]).toEqual([name, true]);
        expect([name, Math.round((c.requestedLifetime ?? 0) / 86_400)]).toEqual([name, 30]);
      }
      // ISO 8601 is no cookie date: the browser keeps a session cookie, and nothing was asked.
      expect(cookieNamed(r, 'exp_iso')).toMatchObject({ requestedLifetime: null, appliedLifetime: null, expires: null });
      await page.close();
    },
  },
  {
    name: 'lists the writes the browser refused, with the likely reason, and never counts them as set',
    async run({ d, fx }) {
      const { page, tabId } = await settledIn(d, `${fx.portal}/refused`);
      const expected = [
        ['__Host-bad', 'prefix-rule', 'header'],
        ['__Secure-js', 'prefix-rule', 'script'],
        ['js_wrong_domain', 'domain-not-allowed', 'script'],
        ['none_insecure', 'samesite-none-not-secure', 'header'],
        ['too_big', 'too-large', 'header'],
        ['wrong_domain', 'domain-not-allowed', 'header'],
      ];
      await eventually(async () => {
        const r = await audited(d, tabId);
        expect(r.refused.map((x) => [x.name, x.reason, x.setBy.kind]).sort()).toEqual(expected);
      }, 10_000);
      const r = await audited(d, tabId);
      expect(r.cookies.map((c) => c.name).sort()).toEqual(['js_kept', 'kept']);
      expect(r.summary.refused).toBe(expected.length);
      const popup = await openPopup(d, tabId);
      const listed = await popup.evaluate(() => [...document.querySelectorAll('section[data-group="refused"] li')].map((li) => li.getAttribute('data-reason')), null);
      expect(listed.sort()).toEqual(expected.map((x) => x[1]).sort());
      await popup.close();
      await page.close();
    },
  },
];
