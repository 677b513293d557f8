import Ajv2020 from 'ajv/dist/2020';
import fs from 'node:fs';
import path from 'node:path';
import { OPENDATASOFT_LIST, type DeclaredList } from '../../../../src/core/declared/declared';
import { parseDeclaredList, serializeDeclaredList } from '../../../../src/core/declared/declared-json';
import { observedStorage, type StorageRecord, type StorageWrite } from '../../../../src/core/evidence/storage';
import { KNOWN_STORAGE, classifyStorage } from '../../../../src/core/judgement/known-storage';
import { buildReport, verdictCode, type ReportInput } from '../../../../src/core/report/report';
import { formatText } from '../../../../src/core/report/format-text';
import { formatMarkdown } from '../../../../src/core/report/format-md';
import { formatHtml } from '../../../../src/core/report/format-html';
import { formatCsv } from '../../../../src/core/report/format-csv';
import { sliceForView } from '../../../../src/core/report/view-slice';
import { sanitizeStorageWrites } from '../../../../src/background/storage-writes';

const PORTAL = 'https://data.portal.fr';
let n = 0;
const rec = (at: number, writes: Array<Partial<StorageWrite> & Pick<StorageWrite, 'key' | 'op'>>, over: Partial<StorageRecord> = {}): StorageRecord => ({
  id: `r${++n}`, at, tabId: 1, frameId: 0, frameUrl: `${PORTAL}/explore/`,
  writes: writes.map((w) => ({ area: 'localStorage', at, ...w })), ...over,
});

const input = (storage: StorageRecord[], over: Partial<ReportInput> = {}): ReportInput => ({
  url: `${PORTAL}/explore/`, site: 'portal.fr', startedAt: 0, generatedAt: 10_000, events: [], declaredList: OPENDATASOFT_LIST, showValues: false,
  environment: { browser: 'Chromium 156', extensionVersion: '0.1.0', thirdPartyCookies: 'allowed' },
  storage: observedStorage(storage, { tabId: 1, startedAt: 0 }), ...over,
});

describe('observed storage', () => {
  it('follows each key through its writes, removals and clears, per origin and partition', () => {
    const items = observedStorage([
      rec(10, [{ key: 'theme', op: 'found', size: 4, preview: 'dark' }, { key: 'uid', op: 'set', size: 3, preview: 'abc', scriptUrl: `${PORTAL}/t.js` }]),
      rec(20, [{ key: 'uid', op: 'set', size: 3, preview: 'abd', repeat: 5 }, { key: 'gone', op: 'set', size: 1 }, { key: 'gone', op: 'remove' }]),
      rec(30, [{ key: 'uid', op: 'found' }]), // another frame's look: nothing new
      rec(40, [{ key: '', op: 'clear', area: 'sessionStorage' }, { key: 'never', op: 'remove' }]),
      rec(50, [{ key: 'tp', op: 'set', size: 2 }], { frameUrl: 'https://widget.example/f', partitionSite: 'portal.fr' }),
      rec(60, [{ key: 'q', op: 'set', area: 'indexedDB' }, { key: 'q', op: 'store', area: 'indexedDB', store: 'events' }, { key: 'q', op: 'set', area: 'indexedDB' }]),
      rec(70, [{ key: 'x', op: 'set' }], { tabId: 2 }),
    ], { tabId: 1, startedAt: 0 });
    const by = (k: string) => items.find((i) => i.key === k);
    expect(items.map((i) => i.key)).toEqual(['theme', 'uid', 'gone', 'tp', 'q']);
    expect(by('theme')).toMatchObject({ preexisting: true, present: true, setBy: null, events: [{ kind: 'found' }] });
    expect(by('uid')).toMatchObject({ preexisting: false, size: 3, preview: 'abd', eventCount: 6, setBy: { scriptUrl: `${PORTAL}/t.js` } });
    expect(by('uid')?.events.map((e) => e.kind)).toEqual(['set', 'overwrite']);
    expect(by('gone')).toMatchObject({ present: false, events: [{ kind: 'set' }, { kind: 'remove' }] });
    expect(by('tp')).toMatchObject({ origin: 'https://widget.example', partitionSite: 'portal.fr' });
    // Re-opening a database writes nothing; its object stores are listed.
    expect(by('q')).toMatchObject({ area: 'indexedDB', stores: ['events'], events: [{ kind: 'set' }, { kind: 'store', store: 'events' }] });
  });
  it('a clear removes every present key of its area and origin, and only those', () => {
    const items = observedStorage([rec(1, [{ key: 'a', op: 'set' }, { key: 'b', op: 'set', area: 'sessionStorage' }]), rec(2, [{ key: '', op: 'clear' }])], { tabId: 1, startedAt: 0 });
    expect(items.map((i) => [i.key, i.present])).toEqual([['a', false], ['b', true]]);
  });
  it('keeps the newest 100 events of a busy key and counts them all', () => {
    const writes = Array.from({ length: 500 }, (_, i) => ({ key: 'busy', op: 'set' as const, at: i }));
    const [busy] = observedStorage([rec(1, writes)], { tabId: 1, startedAt: 0 });
    expect(busy?.eventCount).toBe(500);
    expect(busy?.events).toHaveLength(100);
  });
});

describe('storage in the report', () => {
  const list: DeclaredList = {
    ...OPENDATASOFT_LIST,
    cookies: [...OPENDATASOFT_LIST.cookies, { name: 'ajs_user_id', provider: 'Segment', function: 'analytics', purpose: 'audience' }],
    providers: [{ provider: 'PostHog', function: 'analytics', purpose: 'product analytics' }],
    storage: [{ kind: 'localStorage', key: 'theme', provider: 'Portal', purpose: 'display' }, { kind: 'sessionStorage', key: 'ods_*', provider: 'Opendatasoft', purpose: 'state' }, { kind: 'localStorage', key: 'never_seen', provider: 'Portal', purpose: '' }],
  };
  const records = [
    rec(10, [{ key: 'theme', op: 'set', size: 4, preview: 'dark' }, { key: 'ajs_anonymous_id', op: 'set', size: 40, preview: '"3f2a"', scriptUrl: `${PORTAL}/seg.js` }, { key: 'ajs_user_id', op: 'set', size: 3 }, { key: 'ph_abc_posthog', op: 'set', size: 10 }]),
    rec(10, [{ key: 'ods_filters', op: 'set', area: 'sessionStorage', size: 2 }]),
    rec(20, [{ key: '<img src=x onerror=alert(1)>', op: 'set', size: 100_000, preview: '<script>'.padEnd(120, 'x') }, { key: '__proto__', op: 'set', size: 8, preview: 'polluted' }]),
    rec(30, [{ key: 'tp_id', op: 'set', size: 5 }], { frameUrl: 'https://widget.example/f', partitionSite: 'portal.fr' }),
  ];
  const r = buildReport(input(records, { declaredList: list }));
  const item = (k: string) => r.storage.items.find((i) => i.key === k);

  it('gives each item the groups and match kinds of cookies', () => {
    expect(item('theme')).toMatchObject({ status: 'declared', match: { kind: 'exact', declaredAs: 'theme' } });
    expect(item('ods_filters')).toMatchObject({ status: 'declared', match: { kind: 'pattern', declaredAs: 'ods_*' } });
    expect(item('ajs_user_id')).toMatchObject({ status: 'declared', match: { kind: 'cookie', declaredAs: 'ajs_user_id' } });
    expect(item('ph_abc_posthog')).toMatchObject({ status: 'declared', vendor: 'PostHog', match: { kind: 'provider', declaredAs: 'PostHog' } });
    expect(item('ajs_anonymous_id')).toMatchObject({ status: 'undeclared', category: 'analytics', vendor: 'Segment', beforeConsent: true });
    expect(r.storage.missing.map((m) => m.key)).toEqual(['never_seen']);
    expect(r.storage.summary).toEqual({ total: 8, declaredPresent: 4, undeclared: 4, missing: 1, thirdParty: 1, preexisting: 0 });
    expect(item('tp_id')).toMatchObject({ party: 'third', partitionSite: 'portal.fr', origin: 'https://widget.example' });
    expect(verdictCode({ ...r, summary: { ...r.summary, undeclared: 0 } })).toBe(1);
  });
  it('applies the findings that make sense for storage, and no lifetime rule', () => {
    const rules = r.findings.filter((f) => f.cookies[0]?.startsWith('localStorage:ajs_anonymous_id')).map((f) => `${f.rule}:${f.severity}`).sort();
    expect(rules).toEqual(['set-before-consent:high', 'undeclared:high']);
    expect(r.findings.find((f) => f.id === 'declared-by-provider-only:localStorage:ph_abc_posthog@https://data.portal.fr')?.severity).toBe('low');
    expect(r.findings.find((f) => f.id === 'third-party:localStorage:tp_id@https://widget.example')).toBeDefined();
    expect(r.findings.filter((f) => f.cookies[0]?.includes('Storage:') && /lifetime/.test(f.rule))).toEqual([]);
  });
  it('a write while a refusal is in force is set-after-refusal', () => {
    const refused = buildReport(input([rec(5_000, [{ key: 'trk', op: 'set', scriptUrl: `${PORTAL}/trk.js` }])], { consentMarks: [{ at: 1_000, choice: 'refused', by: 'hand' }] }));
    expect(refused.storage.items[0]?.afterRefusal).toEqual({ at: new Date(5_000).toISOString(), refusedAt: new Date(1_000).toISOString() });
    expect(refused.findings.find((f) => f.rule === 'set-after-refusal')?.explanation).toMatch(/localStorage key “trk”.*trk\.js/);
  });
  it('redacts values unless asked, shows a long value by its size, and escapes hostile keys in every form', () => {
    expect(JSON.stringify(r)).not.toContain('"3f2a"');
    const shown = buildReport(input(records, { declaredList: list, showValues: true }));
    expect(shown.storage.items.find((i) => i.key === '__proto__')?.value).toBe('polluted');
    expect(shown.storage.items.find((i) => i.key.startsWith('<img'))).toMatchObject({ size: 100_000, valueTruncated: true });
    expect(formatText(shown)).toMatch(/100,000 characters/);
    expect(formatText(shown)).toMatch(/^✗ 4 undeclared in browser storage$/m);
    expect(formatMarkdown(shown)).toMatch(/\*\*✗ 4 undeclared in browser storage\*\*/);
    const html = formatHtml(shown);
    expect(html).not.toMatch(/<img src=x/);
    expect(html).not.toMatch(/<script>x/);
    expect(formatMarkdown(shown)).toContain('\\<img src=x onerror=alert\\(1\\)\\>');
    const csv = formatCsv(shown).split('\r\n');
    expect(csv.find((l) => l.includes('__proto__'))).toMatch(/,localStorage,8,,,,,,,,,polluted$/);
    expect(Object.prototype.hasOwnProperty.call({}, 'polluted')).toBe(false);
  });
  it('validates against the published schema, and the popup view cuts and filters storage like cookies', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../docs/report.schema.json'), 'utf8')) as object;
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    expect(ajv.validate(schema, r)).toBe(true);
    const v = sliceForView(r, { filter: 'ajs', limits: { storage: 1 } });
    expect(v.counts.storage).toEqual({ matching: 2, total: 8 });
    expect(v.report.storage.items.map((i) => i.key)).toEqual(['ajs_anonymous_id']);
    expect(sliceForView(r, { sort: 'party' }).report.storage.items[0]?.key).toBe('tp_id');
  });
});

describe('declared storage and known keys', () => {
  it('reads and writes storage rows in a declared-list file, and refuses a bad one with where it is', () => {
    const list = parseDeclaredList(JSON.stringify({ cookies: [], storage: [{ kind: 'localStorage', key: 'theme', provider: 'Portal', purpose: 'display' }] }), 'file');
    expect(list.storage).toEqual([{ kind: 'localStorage', key: 'theme', provider: 'Portal', purpose: 'display' }]);
    expect(parseDeclaredList(serializeDeclaredList(list), 'file')).toEqual({ ...list, name: 'Imported list' });
    expect(() => parseDeclaredList(JSON.stringify({ cookies: [], storage: [{ kind: 'cookieJar', key: 'x' }] }), 'f')).toThrow(/storage\[0\]\.kind/);
    expect(() => parseDeclaredList(JSON.stringify({ cookies: [], storage: [{ kind: 'localStorage', key: '*' }] }), 'f')).toThrow(/storage\[0\]/);
    expect(() => parseDeclaredList(JSON.stringify({ cookies: [], storage: {} }), 'f')).toThrow(/"storage" must be an array/);
  });
  it('names a public source for every known key, and falls back on the cookie of the same name', () => {
    for (const k of KNOWN_STORAGE) expect(k.source).toMatch(/https:\/\//);
    expect(classifyStorage('localStorage', 'ph_phc_123_posthog', 'x.fr')).toMatchObject({ vendor: 'PostHog', category: 'analytics' });
    expect(classifyStorage('localStorage', '_hjSessionUser_123', 'x.fr')).toMatchObject({ vendor: 'Hotjar' });
    expect(classifyStorage('indexedDB', '_hjSessionUser_123', 'x.fr')).toMatchObject({ vendor: null, category: 'unknown' });
    expect(classifyStorage('sessionStorage', 'snowplowOutQueue_x', 'x.fr')).toMatchObject({ vendor: null });
  });
  it('keeps only well-formed storage facts from a page, bounded', () => {
    const now = 1_000_000;
    const clean = sanitizeStorageWrites([
      { area: 'localStorage', key: 'ok', op: 'set', size: 3, preview: 'x'.repeat(500), at: now, scriptUrl: 'https://a/b.js', repeat: 3 },
      { area: 'cookies', key: 'bad', op: 'set', at: now },
      { area: 'localStorage', key: 'bad', op: 'steal', at: now },
      { area: 'localStorage', key: 'k'.repeat(9_000), op: 'set', at: now },
      { area: 'localStorage', key: 'late', op: 'set', at: 0, size: -1 },
      null,
    ], now);
    expect(clean.map((w) => w.key)).toEqual(['ok', 'late']);
    expect(clean[0]?.preview).toHaveLength(120);
    expect(clean[1]).toEqual({ area: 'localStorage', key: 'late', op: 'set', at: now });
    expect(() => sanitizeStorageWrites('nope', now)).toThrow(/array/);
  });
});
