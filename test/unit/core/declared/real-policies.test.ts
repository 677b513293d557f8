import fs from 'node:fs';
import path from 'node:path';
import { listFromPolicy } from '../../../../src/core/declared/declared';
import { parsePolicyHtml, type PolicyParse } from '../../../../src/core/declared/policy';
import { observedCookies } from '../../../../src/core/evidence/jar';
import type { AuditEvent } from '../../../../src/core/evidence/cookie';
import { compare } from '../../../../src/core/judgement/compare';
import { isKnownCookieName } from '../../../../src/core/judgement/classify';
import { EN } from '../../../../src/core/text/i18n';
import { cookie } from '../../helpers';

// Real policy pages of public portals and sites, rewritten as fixtures (test/fixtures/policies/real:
// each names its source; names, lifetimes and table shapes are the page's, prose is ours), with the
// cookies their trackers really write. Each page: the names read, the lifetimes understood, and the
// verdict of each cookie, as an auditor would check them by hand. POLICY_SCORES=1 prints the scores.

const DAY = 86_400;
const MONTH = Math.round((365 / 12) * DAY);
type Life = number | 'session' | 'never' | 'persistent' | 'past' | 'stated' | 'unparsed';
type Verdict = 'exact' | 'pattern' | 'family' | 'provider' | 'undeclared';

interface Page {
  file: string;
  names: string[];
  lifetimes: Record<string, Life>;
  providers?: string[];
  storage?: string[];
  categories?: Record<string, string>;
  jar: Record<string, Verdict>;
}

const PAGES: Page[] = [
  {
    file: 'odwb-be.html',
    names: ['sessionid', 'django_language', 'csrftoken'],
    lifetimes: {},
    categories: { sessionid: 'necessary', csrftoken: 'necessary' },
    jar: { sessionid: 'exact', csrftoken: 'exact', django_language: 'exact', cookies_preferences: 'undeclared' },
  },
  {
    file: 'datosabiertos-dipcas-es.html',
    names: ['sessionid', 'csrftoken', 'cookies_preferences', 'django_language'],
    lifetimes: { sessionid: 14 * DAY, csrftoken: 365 * DAY, cookies_preferences: 6 * MONTH, django_language: 365 * DAY },
    jar: { sessionid: 'exact', csrftoken: 'exact', cookies_preferences: 'exact', '_pk_id.1.a1b2': 'undeclared' },
  },
  {
    file: 'opendatasoft-com.html',
    names: ['_hjSessionUser', '_hjid', '_hs*'],
    lifetimes: {},
    providers: ['Matomo'],
    categories: { _hjid: 'analytics' },
    jar: { '_pk_id.3.9f1c': 'provider', '_pk_ses.3.9f1c': 'provider', '_hjSessionUser_3021840': 'family', _hjid: 'exact', '_hjSession_3021840': 'undeclared', _hssc: 'pattern', hubspotutk: 'undeclared' },
  },
  {
    file: 'fuellogix-com.html',
    names: ['csrftoken', 'sessionid', 'browser_tz', 'theme', '_ga', '_ga_*', 'django_language'],
    lifetimes: { csrftoken: 365 * DAY, sessionid: 14 * DAY, _ga: 2 * 365 * DAY, '_ga_*': 2 * 365 * DAY, django_language: 365 * DAY },
    storage: ['localStorage:theme', 'localStorage:cookie_consent'],
    categories: { sessionid: 'necessary', _ga: 'analytics', django_language: 'functional' },
    jar: { csrftoken: 'exact', sessionid: 'exact', _ga: 'exact', _ga_H8W2K9Q1ZX: 'pattern', _gid: 'undeclared' },
  },
  {
    file: 'readdata-de.html',
    names: ['_pk_id', '_pk_ref', '_pk_ses', '_pk_cvar', '_pk_hsr', '_pk_testcookie', 'mtm_consent', 'mtm_consent_removed', 'mtm_cookie_consent', 'matomo_ignore', 'matomo_sessid'],
    lifetimes: { _pk_id: 13 * MONTH, _pk_ref: 6 * MONTH, _pk_ses: 30 * 60, _pk_hsr: 30 * 60, _pk_testcookie: 'past', mtm_consent: 30 * 365 * DAY, matomo_sessid: 14 * DAY },
    // Cookie names are case-sensitive: Matomo writes MATOMO_SESSID, which this page spells in lower case.
    jar: { '_pk_id.1.a1b2': 'family', '_pk_ses.1.a1b2': 'family', '_pk_ref.1.a1b2': 'family', mtm_consent: 'exact', MATOMO_SESSID: 'undeclared' },
  },
  {
    file: 'birdingpirineos-es.html',
    names: ['_ga', '_gat_gtag_UA_102317788_2', '_gid', 'CONSENT', 'cookielawinfo-checkbox-advertisement', 'cookielawinfo-checkbox-analytics'],
    lifetimes: { _ga: 2 * 365 * DAY, _gat_gtag_UA_102317788_2: 60, _gid: DAY, CONSENT: 2 * 365 * DAY, 'cookielawinfo-checkbox-analytics': 365 * DAY },
    jar: { _ga: 'exact', _gid: 'exact', _gat_gtag_UA_102317788_2: 'exact', _ga_4XK2P9: 'undeclared' },
  },
  {
    file: 'bosa-hermes-fr.html',
    names: ['AWSALBCORS', 'AWSALB', 'JSESSIONID', '_km_user_name', '_km_id', '_km_lead_collection', 'cookie_compliance', 'locale'],
    lifetimes: { AWSALBCORS: 7 * DAY, JSESSIONID: 'session', _km_id: 30 * DAY, cookie_compliance: 2 * 365 * DAY, locale: 28 * DAY },
    categories: { AWSALB: 'necessary', locale: 'necessary' },
    jar: { AWSALB: 'exact', AWSALBCORS: 'exact', JSESSIONID: 'exact', _km_id: 'exact', locale: 'exact' },
  },
  {
    file: 'bosa-hermes-nl.html',
    names: ['AWSALBCORS', 'AWSALB', 'JSESSIONID', '_km_user_naam', '_km_id', '_km_lead_collectie', 'cookie_compliance', 'lokaal'],
    lifetimes: { AWSALBCORS: 7 * DAY, JSESSIONID: 'session', _km_id: 30 * DAY, cookie_compliance: 2 * 365 * DAY, lokaal: 28 * DAY },
    // The Dutch page translated two cookie names with its prose: the cookies the site sets are not the ones it names.
    jar: { AWSALB: 'exact', JSESSIONID: 'exact', _km_user_name: 'undeclared', locale: 'undeclared' },
  },
  {
    file: 'desvoys-fr.html',
    names: ['PHPSESSID', 'EMSESSID', '_pk_id*', '_pk_ses*'],
    lifetimes: { PHPSESSID: 'session', '_pk_id*': 13 * MONTH, '_pk_ses*': 'session' },
    categories: { PHPSESSID: 'necessary', '_pk_id*': 'analytics' },
    jar: { PHPSESSID: 'exact', '_pk_id.1.a1b2': 'pattern', '_pk_ses.1.a1b2': 'pattern', _GRECAPTCHA: 'undeclared' },
  },
  {
    file: 'packaging-de-luxe-fr.html',
    names: ['wpconsent_preferences', 'comment_author', 'comment_author_email', 'comment_author_url'],
    lifetimes: { wpconsent_preferences: 30 * DAY, comment_author: 'session' },
    categories: { wpconsent_preferences: 'necessary' },
    jar: { wpconsent_preferences: 'exact', comment_author: 'exact', 'wordpress_logged_in_5c1e9b2a0d': 'undeclared' },
  },
  {
    file: 'enso-build-docs.html',
    names: ['hjSessionUser', 'hjSession', '_hjClosedSurveyInvites', '_hjid', '_hjAbsoluteSessionInProgress'],
    lifetimes: { hjSessionUser: 12 * MONTH, hjSession: 30 * 60, _hjid: 12 * MONTH },
    // The page drops Hotjar's leading underscore: what Hotjar writes is not what it names.
    jar: { '_hjSessionUser_3021840': 'undeclared', _hjid: 'exact', _hjAbsoluteSessionInProgress: 'exact' },
  },
  {
    file: 'secafi-fr.html',
    names: ['_pk_ref', '_pk_cvar', '_pk_id', '_pk_ses', 'mtm_consent', 'mtm_consent_removed', 'mtm_cookie_consent', '_pk_hsr'],
    lifetimes: { _pk_id: 13 * MONTH, _pk_ref: 6 * MONTH, _pk_ses: 30 * 60, _pk_hsr: 30 * 60 },
    jar: { '_pk_id.2.c0de': 'family', '_pk_ses.2.c0de': 'family', mtm_consent: 'exact', _ga: 'undeclared' },
  },
  {
    file: 'wrel-de.html',
    names: ['_pk_ref', '_pk_cvar', '_pk_id', '_pk_ses'],
    lifetimes: { _pk_ref: 6 * MONTH, _pk_id: 13 * MONTH, _pk_ses: 30 * 60 },
    jar: { '_pk_id.1.a1b2': 'family', '_pk_ref.1.a1b2': 'family', MATOMO_SESSID: 'undeclared' },
  },
  {
    file: 'prose-en.html',
    names: ['acceptCookies', 'MATOMO_SESSID', 'matomo_lang', '_pk_*', 'lang', 'csrftoken', 'sessionid'],
    lifetimes: { acceptCookies: 30 * DAY, lang: 'session' },
    jar: { acceptCookies: 'exact', MATOMO_SESSID: 'exact', '_pk_id.1.a1b2': 'pattern', sessionid: 'exact', _ga: 'undeclared' },
  },
  {
    file: 'sogelife-doc.html',
    names: ['XSRF-TOKEN', 'JSESSIONID', 'AUTH_SESSION_ID', 'AUTH_SESSION_ID_LEGACY', 'I.C_SESSION'],
    lifetimes: { 'XSRF-TOKEN': 'session', JSESSIONID: 'session', AUTH_SESSION_ID_LEGACY: 'session' },
    jar: { 'XSRF-TOKEN': 'exact', JSESSIONID: 'exact', 'I.C_START': 'undeclared' },
  },
];

// As the extension reads policies: a name the known-cookie tables hold is a name even in a sentence.
const isKnownName = isKnownCookieName;
const read = (f: string): PolicyParse => parsePolicyHtml(fixture(f), EN, { isKnownName });
const fixture = (f: string): string => fs.readFileSync(path.join(__dirname, '../../../fixtures/policies/real', f), 'utf8');
const set = (name: string): AuditEvent => ({ kind: 'set', at: 1, cookie: cookie(name, { domain: 'portal.example.org' }), setBy: { kind: 'unknown', at: 1 } });
const lifeOf = (p: PolicyParse, name: string): Life | undefined => {
  const l = p.cookies.find((c) => c.name === name)?.lifetime;
  return l === undefined ? undefined : l.kind === 'fixed' ? l.seconds : l.kind;
};
function verdicts(p: PolicyParse, jar: string[]): Record<string, Verdict> {
  const r = compare(observedCookies(jar.map(set)), listFromPolicy('portal.example.org', { url: 'x', readAt: 'x', ...p }));
  return Object.fromEntries([...r.declaredPresent.map((g) => [g.observed.cookie.name, g.match.kind]), ...r.undeclared.map((o) => [o.cookie.name, 'undeclared'])]);
}

describe.each(PAGES)('real policy: $file', (page) => {
  const parsed = read(page.file);
  it('reads every declared name, and no word that is not one', () => {
    expect(parsed.cookies.map((c) => c.name)).toEqual(page.names);
  });
  it('understands the lifetimes as stated', () => {
    for (const [name, life] of Object.entries(page.lifetimes)) expect([name, lifeOf(parsed, name)]).toEqual([name, life]);
  });
  it('keeps providers, storage rows and categories apart as the page files them', () => {
    expect(parsed.providers.map((p) => p.provider)).toEqual(page.providers ?? []);
    expect(parsed.storage.map((s) => `${s.kind}:${s.key}`)).toEqual(page.storage ?? []);
    for (const [name, category] of Object.entries(page.categories ?? {})) expect([name, parsed.cookies.find((c) => c.name === name)?.category]).toEqual([name, category]);
  });
  it('gives each cookie its trackers write the right verdict, and says how it matched', () => {
    expect(verdicts(parsed, Object.keys(page.jar))).toEqual(page.jar);
  });
});

describe('a policy in prose (list items, no table)', () => {
  it('marks each name as read from prose, and says so first in the problems', () => {
    const p = read('secafi-fr.html');
    expect(p.cookies.every((c) => c.readFrom === 'prose')).toBe(true);
    expect(p.problems[0]).toMatch(/No table names a cookie: 8 names were read from the text/);
  });
  it('a page with neither table nor recognisable name still gets the clear message', () => {
    expect(() => parsePolicyHtml('<h1>Cookies</h1><p>We use a few cookies to make the site work, and nothing else.</p><ul><li>Ask us anything.</li></ul>')).toThrow(/No table of cookies found/);
  });
});

afterAll(() => {
  if (!process.env.POLICY_SCORES) return;
  const rows = PAGES.map((page) => {
    let parsed: PolicyParse;
    try {
      parsed = read(page.file);
    } catch {
      return `${page.file}: not read`;
    }
    const got = parsed.cookies.map((c) => c.name);
    const names = page.names.filter((n) => got.includes(n)).length;
    const invented = got.filter((n) => !page.names.includes(n)).length;
    const lifetimes = Object.entries(page.lifetimes).filter(([n, l]) => lifeOf(parsed, n) === l).length;
    const v = verdicts(parsed, Object.keys(page.jar));
    const right = Object.entries(page.jar).filter(([n, x]) => (v[n] === 'undeclared') === (x === 'undeclared')).length;
    return `${page.file}: names ${names}/${page.names.length} (+${invented} invented), lifetimes ${lifetimes}/${Object.keys(page.lifetimes).length}, verdicts ${right}/${Object.keys(page.jar).length}`;
  });
  console.log(rows.join('\n'));
});
