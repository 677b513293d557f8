import Ajv2020 from 'ajv/dist/2020';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { parseCsv } from '../../src/core/text/csv';
import type { ReportDiff } from '../../src/core/report/diff';
import type { Report } from '../../src/core/report/report';
import { startCrawlPortal, type Fixtures } from '../fixtures/portal';
import { openAndSettle, runCli, withBrowser, type Launched } from './harness';

// Reports an auditor files: exports from the popup in real Chromium, the printable HTML report,
// whole-portal crawls and comparisons from the command line.

let fx: Fixtures;
let l: Launched;
let crawlSite: { origin: string; close: () => Promise<void> };
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cookie-auditor-reports-'));

withBrowser(async (f, b) => {
  fx = f;
  l = b;
  crawlSite = await startCrawlPortal(fx.third);
});
afterAll(async () => {
  await crawlSite.close();
  fs.rmSync(out, { recursive: true, force: true });
});

const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../../docs/report.schema.json'), 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true, formats: { 'date-time': (v: string) => !Number.isNaN(Date.parse(v)) } }).compile(schema);

async function popupOf(tabId: number): Promise<Page> {
  const popup = await l.context.newPage();
  await popup.goto(`chrome-extension://${l.extensionId}/popup.html?tabId=${tabId}`);
  await popup.waitForSelector('#app[data-ready="true"]');
  return popup;
}

async function exportFrom(popup: Page, format: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([popup.waitForEvent('download'), popup.click(`button[data-export="${format}"]`)]);
  const file = path.join(out, download.suggestedFilename());
  await download.saveAs(file);
  return { name: download.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
}

describe('exports from the popup', () => {
  let tabId: number;
  let popup: Page;
  beforeAll(async () => {
    ({ tabId } = await openAndSettle(l, `${fx.portal}/basic`));
    popup = await popupOf(tabId);
  });
  afterAll(() => popup.close());

  it('JSON: follows the published schema, values redacted, named for the site and the date', async () => {
    const { name, text } = await exportFrom(popup, 'json');
    expect(name).toBe(`cookie-audit_127.0.0.1_${new Date().toISOString().slice(0, 10)}.json`);
    const r = JSON.parse(text) as Report;
    expect(validate(r) ? [] : validate.errors).toEqual([]);
    expect(r.cookies.map((c) => c.name)).toContain('_pk_id.1.abc');
    expect(text).not.toContain('s3cr3t');
  });

  it('CSV: one row per cookie with the columns an auditor sorts by', async () => {
    const { name, text } = await exportFrom(popup, 'csv');
    expect(name).toMatch(/^cookie-audit_127\.0\.0\.1_\d{4}-\d\d-\d\d\.csv$/);
    const [head, ...rows] = parseCsv(text);
    expect(head?.slice(0, 8)).toEqual(['name', 'domain', 'path', 'status', 'party', 'category', 'vendor', 'findings']);
    const byName = new Map(rows.map((r) => [r[0], r]));
    expect([...byName.keys()].sort()).toEqual(['_pk_id.1.abc', 'acct_pref', 'csrftoken', 'frame_cookie', 'inline_pref', 'sessionid', 'temp_token', 'tp_uid']);
    expect(byName.get('tp_uid')?.slice(3, 5)).toEqual(['undeclared', 'third']);
    expect(byName.get('sessionid')?.at(-1)).toBe('(redacted)');
  });

  it('HTML: a self-contained report with every section, that renders and prints', async () => {
    const { text } = await exportFrom(popup, 'html');
    const file = path.join(out, 'report.html');
    fs.writeFileSync(file, text);
    const page = await l.context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`file://${file}`);
    const sections = await page.$$eval('section[id]', (s) => s.map((x) => x.id));
    expect(sections).toEqual(['summary', 'findings', 'undeclared', 'declared', 'missing', 'storage', 'declared-list']);
    expect(await page.textContent('header')).toMatch(/Chromium.*cookie-auditor \d+\.\d+\.\d+/s);
    expect(await page.locator('#undeclared tbody tr').count()).toBe(6);
    expect(await page.textContent('#undeclared')).toMatch(/temp_token[\s\S]*set[\s\S]*delete/);
    expect(await page.textContent('#declared-list')).toMatch(/Opendatasoft/);
    const png = await page.screenshot({ fullPage: true, path: path.join(out, 'report.png') });
    expect(png.length).toBeGreaterThan(10_000);
    expect((await page.pdf().catch(() => null))?.length ?? 1).toBeGreaterThan(0);
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    await page.close();
  });

  it('Markdown: summary, findings and groups', async () => {
    const { text } = await exportFrom(popup, 'md');
    expect(text).toMatch(/^# Cookie audit of 127\\\.0\\\.0\\\.1/);
    expect(text).toMatch(/## Findings \(\d+\)[\s\S]*## Undeclared \(6\)[\s\S]*\| tp\\_uid \|/);
  });
});

describe('hostile names and values in exports', () => {
  it('the CSV keeps quotes and commas, neutralises formulas; the HTML shows them as text', async () => {
    const { tabId } = await openAndSettle(l, `${fx.portal}/csv-hostile`);
    const popup = await popupOf(tabId);
    await popup.check('#show-values');
    await popup.waitForFunction(() => document.body.textContent?.includes('HYPERLINK'));
    const rows = parseCsv((await exportFrom(popup, 'csv')).text).slice(1);
    const byName = new Map(rows.map((r) => [r[0], r.at(-1)]));
    expect(byName.get("'+cmd")).toBe(encodeURIComponent('=HYPERLINK("http://evil.example")'));
    expect(byName.get("'@sum")).toBe("'-2+3");
    expect(byName.get('q"uo,te')).toBe('say "hi", twice');
    for (const r of rows) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@]/);
    const html = await exportFrom(popup, 'html');
    const page = await l.context.newPage();
    await page.setContent(html.text);
    expect(await page.locator('#undeclared tbody td.mono').allTextContents()).toEqual(expect.arrayContaining(['+cmd', '@sum', 'q"uo,te']));
    await page.close();
    await popup.close();
  });
});

describe('whole-portal audits from the command line', () => {
  it('--pages follows same-site links breadth first, finds what only a deeper page sets, and reports the pages it could not audit', async () => {
    const run = await runCli([`${crawlSite.origin}/`, '--pages', '10', '--format', 'json', '--timeout', '3']);
    const r = JSON.parse(run.stdout) as Report;
    expect(validate(r) ? [] : validate.errors).toEqual([]);
    const visited = (r.pages ?? []).map((p) => [new URL(p.url).pathname, p.status]);
    expect(visited).toEqual([
      ['/', 'audited'], ['/a', 'audited'], ['/b', 'audited'], ['/broken', 'failed'], ['/loop', 'failed'], ['/data', 'skipped'], ['/slow', 'failed'], ['/deep', 'audited'],
    ]);
    const deep = r.cookies.find((c) => c.name === 'deep_cookie');
    expect(deep?.firstSeenOn).toBe(`${crawlSite.origin}/deep`);
    expect(r.cookies.find((c) => c.name === 'a_cookie')?.firstSeenOn).toBe(`${crawlSite.origin}/a`);
    expect(r.cookies.find((c) => c.name === 'json_cookie')?.firstSeenOn).toBe(`${crawlSite.origin}/data`);
    expect(r.cookies.map((c) => c.name)).not.toEqual(expect.arrayContaining(['logged_out']));
    expect(r.cookies.map((c) => c.name)).not.toContain('pdf_cookie');
    // Pages that could not be audited: reported on stderr, the report kept, exit 2.
    expect(run.stderr).toMatch(/could not audit .*\/broken/);
    expect(run.stderr).toMatch(/could not audit .*\/loop: .*ERR_TOO_MANY_REDIRECTS/);
    expect(run.stderr).toMatch(/could not audit .*\/slow: Timeout 3000ms exceeded/);
    expect(run.code).toBe(2);
    // The default crawl visits pages in four tabs at once; one tab finds the same, each cookie set
    // by the same page: no tab's evidence is given to another.
    const one = JSON.parse((await runCli([`${crawlSite.origin}/`, '--pages', '10', '--tabs', '1', '--format', 'json', '--timeout', '3'])).stdout) as Report;
    const evidence = (x: Report) => x.cookies.map((c) => [c.name, c.firstSeenOn, c.setBy.kind, c.setBy.url, c.eventCount]).sort();
    expect(evidence(one)).toEqual(evidence(r));
    expect(one.pages).toEqual(r.pages);
    expect(r.cookies.find((c) => c.name === 'a_cookie')?.setBy).toMatchObject({ kind: 'header', url: `${crawlSite.origin}/a` });
    expect(r.cookies.find((c) => c.name === 'deep_cookie')?.setBy).toMatchObject({ kind: 'script', url: `${crawlSite.origin}/deep` });
  });

  it('--pages bounds a site with 10,000 links, quietly when stderr is not a terminal', async () => {
    const run = await runCli([`${crawlSite.origin}/many`, '--pages', '3', '--format', 'json']);
    const r = JSON.parse(run.stdout) as Report;
    expect(r.pages?.map((p) => p.url)).toEqual([`${crawlSite.origin}/many`, `${crawlSite.origin}/many?i=1`, `${crawlSite.origin}/many?i=2`]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('--format csv|html|md write the other forms, and --fail-on chooses what fails', async () => {
    const csvFile = path.join(out, 'crawl.csv');
    const csv = await runCli([`${crawlSite.origin}/a`, '--pages', '2', '--format', 'csv', '--out', csvFile]);
    expect(csv.code).toBe(1);
    const rows = parseCsv(fs.readFileSync(csvFile, 'utf8'));
    expect(rows.find((x) => x[0] === 'deep_cookie')?.[rows[0]?.indexOf('first_seen_on') ?? -1]).toBe(`${crawlSite.origin}/deep`);
    const html = await runCli([`${crawlSite.origin}/a`, '--format', 'html', '--fail-on', 'none']);
    expect(html.code).toBe(0);
    expect(html.stdout).toMatch(/^<!doctype html>/);
    const md = await runCli([`${crawlSite.origin}/a`, '--format', 'md', '--fail-on', 'high']);
    expect(md.stdout).toMatch(/^# Cookie audit/);
    expect(md.code).toBe(0); // a_cookie is undeclared but of unknown kind: no high finding
  });

  it('--diff says which cookies and findings appeared between two reports', async () => {
    const older = path.join(out, 'old.json');
    const newer = path.join(out, 'new.json');
    await runCli([`${crawlSite.origin}/a`, '--format', 'json', '--out', older]);
    await runCli([`${crawlSite.origin}/a`, '--pages', '2', '--format', 'json', '--out', newer]);
    const text = await runCli(['--diff', older, newer]);
    expect(text.stdout).toMatch(/Cookies that appeared \(1\)\n {2}\+ deep_cookie@127\.0\.0\.4\//);
    expect(text.code).toBe(1);
    const json = JSON.parse((await runCli(['--diff', newer, older, '--format', 'json'])).stdout) as ReportDiff;
    expect(json.cookies.disappeared).toEqual(['deep_cookie@127.0.0.4/']);
    expect(json.findings.disappeared.map((f) => f.id)).toContain('undeclared:deep_cookie@127.0.0.4/');
    fs.writeFileSync(path.join(out, 'not-a-report.json'), '{"hello":1}');
    const bad = await runCli(['--diff', older, path.join(out, 'not-a-report.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not-a-report\.json is not a cookie-auditor report/);
  });
});
