import fs from 'node:fs';
import ts from 'typescript';
import os from 'node:os';
import path from 'node:path';
import { classify, knownCookie } from '../../../../src/core/judgement/classify';
import { CookieDbError, importCookieDb, importedModule } from '../../../../src/core/judgement/cookie-db';
import { CsvError, csvRow, parseCsv } from '../../../../src/core/text/csv';
import { CURATED_COOKIES } from '../../../../src/core/judgement/known-cookies';
import { run } from '../../../../scripts/cookie-db';

const SAMPLE = fs.readFileSync(path.join(__dirname, '../../../fixtures/cookie-db/sample.csv'), 'utf8');

describe('CSV', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('a,"b,c","say ""hi""","two\nlines"\r\nx,,z\n')).toEqual([
      ['a', 'b,c', 'say "hi"', 'two\nlines'],
      ['x', '', 'z'],
    ]);
  });
  it('says where an unterminated quote began', () => {
    expect(() => parseCsv('a,b\n"never closed,c\n')).toThrow(new CsvError('A quoted field opened on line 2 is never closed.'));
  });
  it('writes rows that read back the same, and neutralises formulas', () => {
    const cells = ['=HYPERLINK("http://x")', '+1', '-2', '@SUM(A1)', 'plain, "quoted"\nnext', 'ok'];
    const back = parseCsv(csvRow(cells))[0];
    expect(back).toEqual(["'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)", 'plain, "quoted"\nnext', 'ok']);
  });
});

describe('the curated table of known cookies', () => {
  it('covers at least 100 cookies, each with a named source', () => {
    expect(CURATED_COOKIES.length).toBeGreaterThanOrEqual(100);
    for (const k of CURATED_COOKIES) expect(k.source).toMatch(/https:\/\/\S+/);
    const names = CURATED_COOKIES.map((k) => `${k.name}@${k.domain ?? ''}`);
    expect(new Set(names).size).toBe(names.length);
  });
  it('knows the cookies an auditor meets most', () => {
    expect(classify('_pk_id.1.d3f0', 'portal.fr')).toMatchObject({ category: 'analytics', vendor: 'Matomo' });
    expect(classify('_gcl_au', 'portal.fr')).toMatchObject({ category: 'advertising', vendor: expect.stringMatching(/^Google Ads/) });
    expect(classify('AMCV_12AB%40AdobeOrg', 'portal.fr').vendor).toMatch(/^Adobe Experience Cloud/);
    expect(classify('euconsent-v2', 'portal.fr').category).toBe('necessary');
    expect(classify('PHPSESSID', 'portal.fr')).toMatchObject({ category: 'necessary', vendor: 'PHP' });
    expect(classify('uid', 'criteo.com').vendor).toBe('Criteo');
    expect(classify('uid', 'portal.fr').category).toBe('unknown');
  });
});

describe('importing an Open Cookie Database CSV', () => {
  const { entries, skipped } = importCookieDb(SAMPLE);

  it('maps categories, wildcards and domains, and names its source', () => {
    expect(entries.find((e) => e.name === 'exa_visitor')).toEqual({
      name: 'exa_visitor', vendor: 'Example Analytics', category: 'analytics', source: 'Open Cookie Database t-001; https://example.com/privacy',
    });
    expect(entries.find((e) => e.name === 'exad_*')).toMatchObject({ category: 'advertising', domain: 'example.net' });
    expect(entries.find((e) => e.name === 'shop_csrf')?.category).toBe('necessary');
    expect(entries.find((e) => e.name === 'exa_theme')).toMatchObject({ category: 'functional', domain: 'example.org' });
  });
  it('skips rows it cannot use and says why', () => {
    expect(skipped).toEqual([
      { line: 7, reason: 'unknown category "Something else"' },
      { line: 8, reason: '"has space" is not a cookie name' },
    ]);
  });
  it('refuses a file that is not in its format', () => {
    expect(() => importCookieDb('name,category\n_ga,analytics\n')).toThrow(CookieDbError);
    expect(() => importCookieDb('')).toThrow('The file is empty.');
  });
  it('writes a module that evaluates to the same rows, whatever the text holds', () => {
    const hostile = [{ name: 'x', vendor: '"; globalThis.pwned = 1; //\n*/`${1}`', category: 'analytics' as const, domain: 'example.org', source: 'Open Cookie Database t-1; https://portal.example' }];
    const rows = evaluate(importedModule(hostile, 'evil\n"name.csv'));
    expect(rows).toEqual([{ ...hostile[0], source: 'Open Cookie Database t-1: https://github.com/jkwakman/Open-Cookie-Database' }]);
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
    expect(evaluate(importedModule([]))).toEqual([]);
  });
});

/** The rows a generated module gives, once compiled as the build compiles it. */
function evaluate(source: string): unknown {
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const mod = { exports: {} as { importedCookies?: () => unknown } };
  new Function('exports', 'require', js)(mod.exports, () => ({}));
  return mod.exports.importedCookies?.();
}

describe('npm run cookie-db', () => {
  let root: string;
  const out: string[] = [];
  const err: string[] = [];
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cookie-db-'));
    fs.mkdirSync(path.join(root, 'src/core/judgement'), { recursive: true });
    fs.writeFileSync(path.join(root, 'src/core/judgement/imported-cookies.ts'), importedModule([]));
    out.length = 0;
    err.length = 0;
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));
  const table = (): string => fs.readFileSync(path.join(root, 'src/core/judgement/imported-cookies.ts'), 'utf8');

  it('import regenerates the table and reports skipped rows', () => {
    const csv = path.join(root, 'db.csv');
    fs.writeFileSync(csv, SAMPLE);
    expect(run(['import', csv], (s) => out.push(s), (s) => err.push(s), root)).toBe(0);
    expect(out[0]).toContain('imported 6 cookies');
    expect(err[0]).toContain('skipped 2 rows');
    expect(table()).toContain('exad_*');
  });
  it('a broken file changes nothing and exits 2', () => {
    const before = table();
    const csv = path.join(root, 'db.csv');
    fs.writeFileSync(csv, `${SAMPLE}t-009,X,Analytics,"unterminated,,,,,,0\n`);
    expect(run(['import', csv], (s) => out.push(s), (s) => err.push(s), root)).toBe(2);
    expect(err[0]).toMatch(/line 11 is never closed.*was not changed/);
    expect(run(['import', path.join(root, 'missing.csv')], (s) => out.push(s), (s) => err.push(s), root)).toBe(2);
    expect(err[1]).toContain('ENOENT');
    expect(table()).toBe(before);
  });
  it('reset empties the table; the committed one is the Open Cookie Database, imported by this command', () => {
    expect(run(['reset'], (s) => out.push(s), (s) => err.push(s), root)).toBe(0);
    expect(table()).toBe(importedModule([]));
    const shipped = fs.readFileSync(path.join(__dirname, '../../../../src/core/judgement/imported-cookies.ts'), 'utf8');
    expect(shipped).toMatch(/Imported from "open-cookie-database-0ee5a17\.csv": \d{4} rows/);
    expect(shipped).toContain('Apache License 2.0');
  });
  it('a fresh install knows the vendors the curated table leaves out, and the curated table still wins', () => {
    for (const [name, vendor] of [['_chartbeat2', /^Chartbeat/], ['_rdt_uuid', /^Reddit/], ['_lfa', /^Leadfeeder/], ['li_sugr', /^LinkedIn/]] as const) {
      expect([name, knownCookie(name, 'portal.fr')?.vendor]).toEqual([name, expect.stringMatching(vendor)]);
    }
    // A row bound to its vendor's domain names that vendor's own cookie only.
    expect(knownCookie('vuid', 'vimeo.com')?.vendor).toBe('Vimeo');
    expect(knownCookie('vuid', 'portal.fr')).toBeUndefined();
    expect(knownCookie('_ga', 'portal.fr')?.source).toMatch(/support\.google\.com/);
  });
  it('lookup names the source, and the curated table wins', () => {
    run(['lookup', '_ga'], (s) => out.push(s), (s) => err.push(s), root);
    expect(out[0]).toMatch(/^_ga: analytics, Google Analytics \(exact: _ga\)\. Source: .*support\.google\.com/);
    expect(knownCookie('sessionid', 'portal.fr')?.vendor).toBe('Django');
  });
});

describe('npm run cookie-db -- --check', () => {
  let root: string;
  const out: string[] = [];
  const err: string[] = [];
  const write = (group: string, vendors: unknown[]): void => fs.writeFileSync(path.join(root, 'src/core/judgement/vendors/data', `${group}.json`), JSON.stringify({ group, vendors }));
  const check = (): number => run(['--check'], (s) => out.push(s), (s) => err.push(s), root);
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cookie-db-check-'));
    fs.mkdirSync(path.join(root, 'src/core/judgement/vendors/data'), { recursive: true });
    out.length = 0;
    err.length = 0;
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));
  const shop = (id: string, category: string, domain: string) => ({ id, name: id, domains: [domain], source: `https://${domain}/cookies`, cookies: [{ name: 'basket_token', category, purpose: 'The basket.', where: 'first-party' }] });

  it('reports where the sources disagree instead of settling it silently, and exits 1', () => {
    write('commerce', [shop('shop-one', 'necessary', 'one.example'), shop('shop-two', 'functional', 'one.example')]);
    // The curated table files _ga as analytics (Google Analytics); a vendor calling it advertising conflicts.
    write('analytics', [{ id: 'other-ga', name: 'Other', domains: ['other.example'], source: 'https://other.example/c', cookies: [{ name: '_ga', category: 'advertising', purpose: 'x', where: 'first-party' }] }]);
    expect(check()).toBe(1);
    const text = out.join('\n');
    expect(text).toMatch(/conflict: one\.example: two vendors claim this domain/);
    expect(text).toMatch(/conflict: basket_token: two vendors document this name[^\n]*\n  wins:  shop-one \(necessary[^\n]*\n  loses: shop-two \(functional/);
    expect(text).toMatch(/conflict: _ga: category advertising vs analytics, vendor Other vs Google Analytics\n  wins:  Google Analytics \(analytics, curated table: _ga;/);
    expect(out[out.length - 1]).toMatch(/2 files, 3 vendors, valid; \d+ conflicts between sources/);
  });
  it('a broken file is named with what is wrong, and exits 2', () => {
    write('commerce', [{ ...shop('Shop', 'tasty', 'one.example') }]);
    expect(check()).toBe(2);
    expect(err).toEqual(expect.arrayContaining([
      'cookie-db --check: commerce.json: vendor "Shop": id is not a lowercase slug',
      'cookie-db --check: commerce.json: vendor "Shop", cookie "basket_token": category "tasty" is not one of necessary, functional, analytics, advertising',
    ]));
    fs.writeFileSync(path.join(root, 'src/core/judgement/vendors/data/cms.json'), '{ "group": "cms", ');
    expect(check()).toBe(2);
    expect(err[err.length - 1]).toMatch(/^cookie-db --check: cms\.json: not JSON/);
  });
  it('the shipped files are valid', () => {
    expect(run(['--check'], (s) => out.push(s), (s) => err.push(s))).toBeLessThan(2);
    expect(err).toEqual([]);
    expect(out[out.length - 1]).toMatch(/^cookie-db --check: 11 files, \d{3} vendors, valid/);
  });
});
