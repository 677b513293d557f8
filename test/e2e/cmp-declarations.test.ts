import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Report } from '../../src/core/report/report';
import { runCli } from './harness';

// `--policy auto` on a shop that shows its consent manager's declaration (Cookiebot's, as cd.js
// renders it: the real fixture of ofertasprimagas.com) and loads that consent manager's
// machine-readable declaration (its cookieTable arrays, changed so that the two disagree: _clck left
// out, _ga filed under marketing, _uetsid added), and sets cookies. The report names the
// declaration it used and shows the three sides: the page, the consent manager, the site.

const FIX = path.join(__dirname, '../fixtures/declarations');
const CBID = '0c0ffee0-1234-4abc-9def-0123456789ab';
const declaration = fs.readFileSync(path.join(FIX, 'build/cookiebot-en-ofertasprimagas.html'), 'utf8');
const body = /<body>([\s\S]*)<\/body>/.exec(declaration)?.[1] ?? '';
const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
<script id="CookieDeclaration" src="/${CBID}/cd.js" async></script></head><body>
<h1>Shop</h1>${body}
<script>for (const c of ['CookieConsent=-1', '_ga=GA1.1.1.1', '_ga_ABC123XYZ=GS1.1', '_clck=1', '_uetsid=2', '_gid=GA1.1.3']) document.cookie = c + '; path=/; max-age=3600';</script>
</body></html>`;

let server: http.Server;
let base = '';
beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === `/${CBID}/cd.js`) {
      res.writeHead(200, { 'content-type': 'application/javascript' });
      res.end(fs.readFileSync(path.join(FIX, 'e2e/cookiebot-cc.js'), 'utf8'));
    } else if (req.url === '/shop') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('--policy auto on a page with a consent manager', () => {
  let r: Report;
  let text = '';
  beforeAll(async () => {
    const json = await runCli([`${base}/shop`, '--format', 'json', '--policy', 'auto']);
    expect([json.code, json.stderr.split('\n').filter((l) => /error|failed/i.test(l))]).toEqual([1, []]);
    r = JSON.parse(json.stdout) as Report;
    text = (await runCli([`${base}/shop`, '--policy', 'auto'])).stdout;
  });

  it('names the declaration it used: Cookiebot on the page, its cookieTable arrays alongside', () => {
    expect(r.declaredList.foundBy).toBe("Cookiebot's declaration on the page, read by its own rule");
    expect(r.declaredList.cookies.find((c) => c.name === '_ga_#')?.from).toEqual({ kind: 'cmp', cmp: 'cookiebot', where: '"Statistics", row 4' });
    expect(r.declaredList.consentManager?.source).toMatch(new RegExp(`^${base}/${CBID}/cd\\.js \\(read \\d{4}-`));
    expect(r.declaredList.consentManager?.declaredBy).toBe('consent-manager');
    expect(text).toMatch(/found by --policy auto: Cookiebot's declaration on the page/);
    expect(text).toMatch(/Consent manager's declaration: Cookiebot's declaration — http:\/\/127\.0\.0\.1:\d+\/[\w-]+\/cd\.js/);
  });

  it('shows for each cookie the site set what the page says and what the consent manager declares', () => {
    const sides = Object.fromEntries(r.cookies.map((c) => [c.name, [c.status, c.consentManager?.status, c.consentManager?.category ?? null]]));
    expect(sides).toEqual({
      CookieConsent: ['declared', 'declared', 'necessary'],
      _ga: ['declared', 'declared', 'advertising'],
      _ga_ABC123XYZ: ['declared', 'declared', 'analytics'],
      _clck: ['declared', 'undeclared', null],
      _uetsid: ['undeclared', 'declared', 'advertising'],
      _gid: ['undeclared', 'undeclared', null],
    });
    expect(text).toMatch(/_uetsid[\s\S]*?Consent manager: declared \(advertising\) at cookieTableAdvertising\[\d+\]/);
  });

  it('finds where the two declarations disagree about a cookie the site set', () => {
    const disagree = r.findings.filter((f) => f.rule === 'declarations-disagree').map((f) => f.cookies[0]?.split('@')[0]).sort();
    expect(disagree).toEqual(['_clck', '_ga', '_uetsid']);
  });
});
