import fs from 'node:fs';
import path from 'node:path';
import { describeLifetime, parseDuration } from '../../../../src/core/declared/duration';
import { parsePolicyHtml, parsePolicyText, PolicyError } from '../../../../src/core/declared/policy';
import { namesInCell } from '../../../../src/core/declared/policy-cells';
import { columnOf } from '../../../../src/core/declared/policy-columns';

const fixture = (f: string): string => fs.readFileSync(path.join(__dirname, '../../../fixtures/policies', f), 'utf8');
const DAY = 86_400;

describe('columns by meaning', () => {
  it.each([
    ["Service provider's name", 'provider'], ['Supplier name', 'provider'], ['Nom du fournisseur', 'provider'],
    ['Cookie name(s)', 'name'], ['Cookie name', 'name'], ['Nom du cookie', 'name'],
    ['Function and location', 'function'], ['Fonction', 'function'],
    ['Purposes', 'purpose'], ['Finalités', 'purpose'], ['Duration', 'duration'], ['Durée', 'duration'],
  ])('"%s" is the %s column', (header, column) => {
    expect(columnOf(header)).toBe(column);
  });
});

describe('names in a cell', () => {
  it('splits several names and reads wildcard descriptions', () => {
    expect(namesInCell('_hjSessionUser; _hjid')).toEqual(['_hjSessionUser', '_hjid']);
    expect(namesInCell('Any cookie starting with `_hs`')).toEqual(['_hs*']);
    expect(namesInCell('tout cookie commençant par « _ga_ »')).toEqual(['_ga_*']);
    expect(namesInCell('_ga_<container-id>')).toEqual(['_ga_*']);
    expect(namesInCell('_pk_id.*\n_pk_ses.*')).toEqual(['_pk_id.*', '_pk_ses.*']);
  });
  it('keeps markup out of names', () => {
    expect(namesInCell('<img src=x onerror=alert(1)>')).toEqual(['*']);
  });
});

describe('durations', () => {
  it.each([
    ['2 weeks by default', 14 * DAY, false], ['Up to 12 months', 365 * DAY, true], ['6 months', 182.5 * DAY, false],
    ['30 minutes', 1800, false], ['2 semaines par défaut', 14 * DAY, false], ["Jusqu'à 12 mois", 365 * DAY, true],
    ['6 mois', 182.5 * DAY, false], ['1 mois', (365 / 12) * DAY, false], ['13 mois', (13 * 365 / 12) * DAY, false],
  ])('"%s"', (text, seconds, upTo) => {
    expect(parseDuration(text)).toEqual({ kind: 'fixed', seconds: Math.round(seconds), upTo });
  });
  it('reads session cookies and keeps what it does not understand', () => {
    expect(parseDuration('session')).toEqual({ kind: 'session' });
    expect(parseDuration('Session cookie')).toEqual({ kind: 'session' });
    expect(parseDuration('selon le navigateur')).toEqual({ kind: 'stated' });
    expect(parseDuration('12 quinzaines')).toEqual({ kind: 'unparsed' });
    expect(describeLifetime(parseDuration('13 mois'))).toBe('13 months');
    expect(describeLifetime(parseDuration('Up to 12 months'))).toBe('up to 12 months');
    expect(describeLifetime(parseDuration('2 ans'))).toBe('2 years');
  });
});

describe('policy pages', () => {
  it('reads the Opendatasoft layout in English, with merged cells, several names and a wildcard', () => {
    const { cookies, problems } = parsePolicyHtml(fixture('layout1-en.html'));
    expect(cookies.map((c) => c.name)).toEqual(['sessionid', 'django_language', 'csrftoken', 'cookies_preferences', '_hjSessionUser', '_hjid', '_hs*']);
    // Each entry says where it was read from: the table, the row (the header is row 1) and the name's cell.
    expect(cookies[0]).toEqual({ name: 'sessionid', provider: 'Opendatasoft', function: 'Authentication (front and back office)', purpose: 'To remember the user from one page to another', from: { kind: 'table', table: 1, row: 2, cell: 3 } });
    expect(cookies.find((c) => c.name === '_hs*')?.provider).toBe('Hotjar'); // from the rowspan
    expect(problems).toEqual([]);
  });

  it('reads the supplier/duration layout in French, past a title row, and says what it skipped', () => {
    const { cookies, problems, providers } = parsePolicyHtml(fixture('layout2-fr.html'));
    expect(cookies.map((c) => c.name)).toEqual(['sessionid', 'csrftoken', 'cookies_preferences', '_pk_id.*', '_pk_ses.*', 'django_language']);
    expect(cookies[1]).toMatchObject({ provider: 'Opendatasoft', function: "Protection CSRF de l'API", duration: "Jusqu'à 12 mois", lifetime: { kind: 'fixed', seconds: 365 * DAY, upTo: true } });
    expect(cookies[5]?.lifetime).toEqual({ kind: 'stated' });
    // "selon le navigateur" is stated in words: understood as such, not a problem.
    expect(problems).toEqual([
      expect.stringMatching(/row 6: names the provider Opendatasoft but no cookie/),
    ]);
    // A provider with no cookie named is declared as a whole, under the table's title row.
    expect(providers).toEqual([{ provider: 'Opendatasoft', function: 'Ligne sans nom', purpose: '', category: 'necessary', from: expect.objectContaining({ kind: 'table', table: 1 }) }]);
    expect(cookies[0]?.category).toBe('necessary');
  });

  it('reads the plain-text form, across blank lines, stopping at prose', () => {
    const { cookies } = parsePolicyText(fixture('layout2-en.txt'));
    expect(cookies.map((c) => [c.name, c.lifetime])).toEqual([
      ['sessionid', { kind: 'fixed', seconds: 14 * DAY, upTo: false }],
      ['csrftoken', { kind: 'fixed', seconds: 365 * DAY, upTo: true }],
      ['cookies_preferences', { kind: 'fixed', seconds: 182.5 * DAY, upTo: false }],
      ['_pk_ses.*', { kind: 'fixed', seconds: 1800, upTo: false }],
      ['django_language', { kind: 'session' }],
    ]);
  });

  it('reads the Opendatasoft layout in French, as plain text', () => {
    const { cookies, problems } = parsePolicyText(fixture('layout1-fr.txt'));
    expect(cookies.map((c) => c.name)).toEqual(['sessionid', 'django_language', '_hjSessionUser_*', '_hjid']);
    expect(cookies[1]).toEqual({
      name: 'django_language', provider: 'Opendatasoft', function: 'Choix de la langue (front et back office)', purpose: 'Se souvenir de la langue du visiteur', from: { kind: 'table', table: 1, row: 3, cell: 3 },
    });
    expect(problems).toEqual([]);
  });

  it('reads a tab-separated table inside an HTML page that has no <table>', () => {
    const html = `<html><body><pre>${fixture('layout2-en.txt')}</pre></body></html>`;
    expect(parsePolicyHtml(html).cookies).toHaveLength(5);
  });

  it('says clearly when a page has no usable table', () => {
    expect(() => parsePolicyHtml('<p>We use cookies.</p>')).toThrow(PolicyError);
    expect(() => parsePolicyHtml('<p>We use cookies.</p>')).toThrow(/No table of cookies found/);
    expect(() => parsePolicyHtml('<table><tr><td>a</td><td>b</td></tr></table>')).toThrow(/1 table\(s\) found, but in none does a column hold cookie names/);
    expect(() => parsePolicyText('no tabs here')).toThrow(/No table of cookies found/);
  });

  it('rejects a pattern that would match everything, naming the row', () => {
    const html = '<table><tr><th>Cookie name</th><th>Purpose</th></tr><tr><td>*</td><td>all</td></tr><tr><td>a</td><td>b</td></tr></table>';
    const { cookies, problems } = parsePolicyHtml(html);
    expect(cookies.map((c) => c.name)).toEqual(['a']);
    expect(problems).toEqual([expect.stringMatching(/Table 1, row 1: The pattern "\*" would match every cookie/)]);
  });

  it('reads a 5 MB page and refuses one over 10 MB', () => {
    const filler = `<p>${'lorem ipsum '.repeat(1000)}</p>`.repeat(420);
    const big = `<html><body>${filler}${fixture('layout1-en.html')}</body></html>`;
    expect(big.length).toBeGreaterThan(5_000_000);
    expect(parsePolicyHtml(big).cookies).toHaveLength(7);
    expect(() => parsePolicyHtml('x'.repeat(11 * 1024 * 1024))).toThrow(/over 10 MB|are not read/);
  });
});

describe('lifetimes in the languages real policies use', () => {
  it.each([
    ['13 Monate', 13 * (365 / 12) * DAY],
    ['30 Minuten', 30 * 60],
    ['2 años', 2 * 365 * DAY],
    ['1 día', DAY],
    ['30 giorni', 30 * DAY],
    ['28 dagen', 28 * DAY],
    ['2 jaar', 2 * 365 * DAY],
    ['1 week', 7 * DAY],
    ['6 mesi', 6 * (365 / 12) * DAY],
    ['1 Jahr', 365 * DAY],
  ])('%s', (text, seconds) => {
    expect(parseDuration(text)).toEqual({ kind: 'fixed', seconds: Math.round(seconds), upTo: false });
  });
  it('reads "up to" and session wordings too', () => {
    expect(parseDuration('bis zu 2 Jahre')).toMatchObject({ upTo: true });
    expect(parseDuration('hasta 1 año')).toMatchObject({ upTo: true });
    for (const s of ['Sitzung', 'Sesión', 'Sessione', 'Gebruikerssessie', 'End of session']) expect(parseDuration(s)).toEqual({ kind: 'session' });
  });
});

describe('reading by content', () => {
  it('reads a table whose headers are in no word list, by what its cells hold', () => {
    const html = '<table><tr><th>Nazwa</th><th>Dostawca</th><th>Maksymalny okres przechowywania</th><th>Rodzaj</th></tr>'
      + '<tr><td>_ga_#</td><td>action.com</td><td>2 lat</td><td>Plik cookie HTTP</td></tr>'
      + '<tr><td>CookieConsent [x17]</td><td>action.com</td><td>1 rok</td><td>Plik cookie HTTP</td></tr>'
      + '<tr><td>currentUser</td><td>www.action.com</td><td>Stałe</td><td>Lokalny magazyn HTML</td></tr>'
      + '<tr><td>pagead/1p-user-list/#</td><td>google.com</td><td>Sesyjne</td><td>Śledzenie pikseli</td></tr></table>';
    const p = parsePolicyHtml(html);
    expect(p.cookies.map((c) => [c.name, c.lifetime])).toEqual([['_ga_#', { kind: 'fixed', seconds: 2 * 365 * DAY, upTo: false }], ['CookieConsent', { kind: 'fixed', seconds: 365 * DAY, upTo: false }]]);
    expect(p.storage.map((s) => `${s.kind}:${s.key}`)).toEqual(['localStorage:currentUser']);
    expect(p.pixels).toEqual(['pagead/1p-user-list/#']);
    expect(p.cookies[1]?.from).toEqual({ kind: 'table', table: 1, row: 3, cell: 1 });
  });

  it('gives each name of a cell its own lifetime, and says when they do not pair up', () => {
    const html = '<table><tr><th>Host</th><th>Cookies</th><th>Lifespan</th></tr>'
      + '<tr><td>example.org</td><td>OptanonConsent, OptanonAlertBoxClosed, _ga</td><td>364 Days, a few seconds, 730 Days</td></tr>'
      + '<tr><td>example.org</td><td>_pk_ses and _pk_id</td><td>30 minutes, 13 months, 1 day</td></tr></table>';
    const p = parsePolicyHtml(html);
    expect(p.cookies.map((c) => [c.name, c.lifetime?.kind === 'fixed' ? c.lifetime.seconds : c.lifetime?.kind])).toEqual([
      ['OptanonConsent', 364 * DAY], ['OptanonAlertBoxClosed', 'stated'], ['_ga', 730 * DAY], ['_pk_ses', 1800], ['_pk_id', 1800],
    ]);
    expect(p.problems).toEqual([expect.stringMatching(/row 2: 2 names but 3 lifetimes/)]);
  });

  it('reads label/value entries and definition lists, and takes no name from titles, sentences or code samples', () => {
    const html = '<h2>YouTube and reCAPTCHA</h2><p>We use cookies from Google; see <code>ga(\'set\', \'anonymizeIp\', true)</code>.</p>'
      + '<p><b>cf_bm</b><br>Gesetzt von: Cloudflare<br>Dauer: 30 Minuten</p><p><b>didomi_token</b><br>Gesetzt von: Didomi<br>Dauer: 6 Monate</p>'
      + '<dl><dt><code>AWSALB</code>, <code>AWSALBCORS</code></dt><dd>Fördelar belastningen. Kakorna lagras i en vecka.</dd></dl>';
    const p = parsePolicyHtml(html);
    expect(p.cookies.map((c) => [c.name, c.lifetime?.kind === 'fixed' ? c.lifetime.seconds : c.lifetime?.kind])).toEqual([
      ['cf_bm', 1800], ['didomi_token', 182.5 * DAY], ['AWSALB', 7 * DAY], ['AWSALBCORS', 7 * DAY],
    ]);
    expect(p.cookies[0]?.from).toMatchObject({ kind: 'list' });
  });

  it('says why a page with neither table nor list of names cannot be read', () => {
    expect(() => parsePolicyHtml('<h1>Cookies</h1><p>We embed YouTube videos.</p>')).toThrow(/No table of cookies found on this page, nor a list of entries that name cookies/);
  });
});

describe('layouts no word list knows', () => {
  it('a table with no header row, in Romanian: columns by what their cells hold', () => {
    const html = '<table><tr><td>_ga</td><td>Google</td><td>Înregistrează un ID unic.</td><td>2 ani</td><td>Cookie HTTP</td></tr>'
      + '<tr><td>PHPSESSID, wp_lang</td><td>site</td><td>Păstrează sesiunea și limba.</td><td>Sesiune<br>1 an</td><td>Cookie HTTP</td></tr>'
      + '<tr><td>lastVisit</td><td>site</td><td>Ultima vizită.</td><td>Persistent</td><td>Stocare locală HTML</td></tr></table>';
    const p = parsePolicyHtml(html);
    expect(p.cookies.map((c) => [c.name, c.lifetime?.kind === 'fixed' ? c.lifetime.seconds : c.lifetime?.kind])).toEqual([['_ga', 2 * 365 * DAY], ['PHPSESSID', 'session'], ['wp_lang', 365 * DAY]]);
    expect(p.storage.map((s) => `${s.kind}:${s.key}`)).toEqual(['localStorage:lastVisit']);
  });

  it('label/value pairs in two blocks, and lifetimes spelled out', () => {
    const block = (name: string, life: string): string => `<div class="c"><div><span>Nom</span><span>${name}</span></div><div><span>Durée</span><span>${life}</span></div></div>`;
    const p = parsePolicyHtml(block('axeptio_cookies', 'treize mois') + block('axeptio_authorized_vendors', 'two years'));
    expect(p.cookies.map((c) => [c.name, c.lifetime?.kind === 'fixed' ? c.lifetime.seconds : c.lifetime?.kind])).toEqual([['axeptio_cookies', 13 * 2_628_000], ['axeptio_authorized_vendors', 2 * 365 * DAY]]);
  });
});
