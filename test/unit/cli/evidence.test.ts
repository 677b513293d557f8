import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { harOf, REDACTED } from '../../../src/cli/evidence/har';
import { keygen, MANIFEST, readKey, seal, SIGNATURE, verify } from '../../../src/cli/evidence/seal';
import type { Exchange } from '../../../src/cli/browser/network-log';

// The seal of an evidence bundle, and its network log: what a regulator relies on when a report is
// contested. Every kind of tampering is named; a foreign or broken bundle gets a verdict, not a crash.

let dir: string;
const tool = { name: 'cookie-auditor', version: '0.1.0' };
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-seal-'));
  fs.mkdirSync(path.join(dir, 'screenshots'));
  fs.writeFileSync(path.join(dir, 'report.json'), '{"cookies":[]}\n');
  fs.writeFileSync(path.join(dir, 'screenshots', '01-load.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
  fs.writeFileSync(path.join(dir, 'network.har'), '{"log":{}}');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

it('a sealed bundle verifies, and its digest is the manifest\'s', () => {
  const digest = seal(dir, tool);
  const v = verify(dir);
  expect(v).toMatchObject({ ok: true, files: 3, changed: [], missing: [], added: [], signature: 'unsigned', digest });
});

it('one byte changed in any file, a file removed, a file added: each is named', () => {
  seal(dir, tool);
  const png = path.join(dir, 'screenshots', '01-load.png');
  const bytes = fs.readFileSync(png);
  bytes[4] = (bytes[4] as number) ^ 1;
  fs.writeFileSync(png, bytes);
  fs.rmSync(path.join(dir, 'network.har'));
  fs.writeFileSync(path.join(dir, 'screenshots', 'extra.png'), 'x');
  expect(verify(dir)).toMatchObject({ ok: false, changed: ['screenshots/01-load.png'], missing: ['network.har'], added: ['screenshots/extra.png'] });
});

it('signed: holds with the right key, refused with another, refused when the manifest changed after signing', () => {
  const a = keygen(path.join(dir, '..', `ca-key-a-${process.pid}`));
  const b = keygen(path.join(dir, '..', `ca-key-b-${process.pid}`));
  try {
    expect(fs.statSync(a.key).mode & 0o777).toBe(0o600);
    expect(() => keygen(a.key.replace(/\.key$/, ''))).toThrow(/never overwrites/);
    seal(dir, tool, readKey(a.key, 'private'));
    expect(verify(dir, readKey(a.pub, 'public'))).toMatchObject({ ok: true, signature: 'valid' });
    expect(verify(dir)).toMatchObject({ ok: true, signature: 'not-checked' });
    expect(verify(dir, readKey(b.pub, 'public'))).toMatchObject({ ok: false, signature: 'other-key' });
    const m = path.join(dir, MANIFEST);
    fs.writeFileSync(m, fs.readFileSync(m, 'utf8').replace('"version": 1', '"version": 1 '));
    expect(verify(dir, readKey(a.pub, 'public'))).toMatchObject({ ok: false, signature: 'invalid' });
    fs.rmSync(path.join(dir, SIGNATURE));
    expect(verify(dir, readKey(a.pub, 'public')).ok).toBe(false);
  } finally {
    for (const f of [a.key, a.pub, b.key, b.pub]) fs.rmSync(f, { force: true });
  }
});

it('a folder that is no bundle, a manifest that is not JSON, a foreign or future manifest, a hostile path: a verdict each', () => {
  expect(verify(dir).problem).toMatch(/holds no manifest\.json/);
  fs.writeFileSync(path.join(dir, MANIFEST), '{"files": [');
  expect(verify(dir).problem).toMatch(/not JSON/);
  fs.writeFileSync(path.join(dir, MANIFEST), '{"format":"something-else","files":[]}');
  expect(verify(dir).problem).toMatch(/not the manifest of a cookie-auditor evidence bundle/);
  fs.writeFileSync(path.join(dir, MANIFEST), '{"format":"cookie-auditor-evidence","version":99,"files":[]}');
  expect(verify(dir).problem).toMatch(/version 99/);
  const outside = { path: '../../etc/passwd', sha256: '0'.repeat(64), size: 1 };
  fs.writeFileSync(path.join(dir, MANIFEST), JSON.stringify({ format: 'cookie-auditor-evidence', version: 1, files: [outside] }));
  expect(verify(dir)).toMatchObject({ ok: false, changed: ['../../etc/passwd'] });
  expect(verify(path.join(dir, 'nowhere')).problem).toMatch(/not a folder/);
});

const exchange = (over: Partial<Exchange> = {}): Exchange => ({
  startedAt: Date.UTC(2026, 11, 3, 10, 0, 0),
  method: 'GET',
  url: 'http://127.0.0.1/page?x=1',
  resourceType: 'document',
  pageref: 'tab-1',
  requestHeaders: [['Cookie', 'sessionid=abc123; csrftoken=tok']],
  response: { status: 200, statusText: 'OK', headers: [['Set-Cookie', '_pk_id.1.a=secret; Path=/; Max-Age=100'], ['Content-Type', 'text/html']], at: Date.UTC(2026, 11, 3, 10, 0, 0, 120) },
  ...over,
});
const HAR = { creator: tool, browser: { name: 'chromium', version: '156' }, pages: [{ id: 'tab-1', title: 'tab-1', startedAt: 0 }] };

it('the HAR keeps names and attributes and redacts cookie values, unless values are asked for', () => {
  const { text } = harOf([exchange()], { ...HAR, showValues: false });
  expect(text).not.toMatch(/abc123|secret|"tok"/);
  const entry = (JSON.parse(text) as { log: { entries: Array<{ request: { cookies: unknown[]; headers: unknown[] }; response: { cookies: unknown[]; headers: unknown[]; status: number }; time: number }> } }).log.entries[0];
  expect(entry?.request.cookies).toEqual([{ name: 'sessionid', value: REDACTED }, { name: 'csrftoken', value: REDACTED }]);
  expect(entry?.response.headers).toContainEqual({ name: 'Set-Cookie', value: `_pk_id.1.a=${REDACTED}; Path=/; Max-Age=100` });
  expect(entry?.time).toBe(120);
  expect(harOf([exchange()], { ...HAR, showValues: true }).text).toMatch(/secret/);
});

it('a HAR over its cap is cut, the latest entries first, and the cut is said', () => {
  const many = Array.from({ length: 400 }, (_, i) => exchange({ startedAt: i, url: `http://127.0.0.1/r${i}?${'p'.repeat(200)}` }));
  const { text, cut } = harOf(many, { ...HAR, showValues: false, maxBytes: 100_000 });
  expect(Buffer.byteLength(text)).toBeLessThanOrEqual(100_000);
  expect(cut).toBeGreaterThan(0);
  const log = (JSON.parse(text) as { log: { comment: string; entries: Array<{ request: { url: string } }> } }).log;
  expect(log.comment).toMatch(new RegExp(`cut: the last ${cut} of 400 entries`));
  expect(log.entries[0]?.request.url).toMatch(/\/r0\?/);
});
