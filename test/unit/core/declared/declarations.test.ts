import fs from 'node:fs';
import path from 'node:path';
import { listFromPolicy } from '../../../../src/core/declared/declared';
import { declaredPattern } from '../../../../src/core/declared/name-forms';
import { parse } from 'parse5';
import { parsePolicyHtml, readPolicyDocument, type PolicyParse } from '../../../../src/core/declared/policy';
import { readCmpConfig } from '../../../../src/core/declared/cmp-config';
import type { DeclaredLifetime } from '../../../../src/core/declared/duration';
import { observedCookies } from '../../../../src/core/evidence/jar';
import type { AuditEvent } from '../../../../src/core/evidence/cookie';
import { compare } from '../../../../src/core/judgement/compare';
import { knownCookie } from '../../../../src/core/judgement/classify';
import { EN } from '../../../../src/core/text/i18n';
import { cookie } from '../../helpers';

// The measurement of the policy reader on real declaration pages (test/fixtures/declarations/<set>/,
// format in that folder's README): every set folder present is read and scored on its own, with the
// product's entry point (parsePolicyHtml) and the product's matching (compare), against what an
// auditor reads by hand (<page>.expected.json). Targets per set: names ≥ 95%, at most one invented
// name per 20 pages, lifetimes ≥ 95%, verdicts ≥ 95%. POLICY_SCORES=1 prints the per-page table.

const ROOT = path.join(__dirname, '../../../fixtures/declarations');

type Life = number | 'session' | 'never' | 'persistent' | 'past' | 'stated';
interface Expected {
  source: string;
  names: string[];
  lifetimes: Record<string, Life>;
  storage?: string[];
  pixels?: string[];
  jar: Record<string, 'declared' | 'undeclared'>;
}

interface Score {
  page: string;
  names: [number, number];
  invented: string[];
  missed: string[];
  lifetimes: [number, number];
  wrongLifetimes: string[];
  verdicts: [number, number];
  wrongVerdicts: string[];
  error?: string;
}

// As the extension reads policies: a name the known-cookie tables hold is a name even in a sentence.
const isKnownName = (name: string): boolean => knownCookie(name, '') !== undefined;

/** A name as a pattern: `_ga_#`, `_ga_*` and `_ga_<ID>` are the same declaration. */
const form = (name: string): string => declaredPattern(name) ?? name.trim();

function sameLife(got: DeclaredLifetime | undefined, want: Life): boolean {
  if (!got) return false;
  if (typeof want === 'number') return got.kind === 'fixed' && Math.abs(got.seconds - want) <= 0.02 * want;
  return got.kind === want;
}

const set = (name: string): AuditEvent => ({ kind: 'set', at: 1, cookie: cookie(name, { domain: 'portal.example.org' }), setBy: { kind: 'unknown', at: 1 } });

type Reader = (html: string) => PolicyParse;
// The product's entry point; and, to see what the generic reader does on its own, the reader that
// takes over when no consent manager's rule reads the page (printed, not asserted).
const PRODUCT: Reader = (html) => parsePolicyHtml(html, EN, { isKnownName });
const GENERIC: Reader = (html) => readPolicyDocument(parse(html), EN, { isKnownName });

function score(page: string, html: string, want: Expected, reader: Reader = PRODUCT): Score {
  const s: Score = { page, names: [0, want.names.length], invented: [], missed: [], lifetimes: [0, Object.keys(want.lifetimes).length], wrongLifetimes: [], verdicts: [0, Object.keys(want.jar).length], wrongVerdicts: [] };
  let p: PolicyParse;
  try {
    p = reader(html);
  } catch (e) {
    s.error = (e as Error).message;
    s.missed = want.names;
    return s;
  }
  const got = new Map(p.cookies.map((c) => [form(c.name), c]));
  const declared = new Set(want.names.map(form));
  for (const n of want.names) {
    if (got.has(form(n))) s.names[0]++;
    else s.missed.push(n);
  }
  // Anything returned as a cookie that the page does not declare as one: a title, a word, a storage key, a pixel.
  s.invented = p.cookies.map((c) => c.name).filter((n) => !declared.has(form(n)));
  for (const [n, life] of Object.entries(want.lifetimes)) {
    const c = got.get(form(n));
    if (sameLife(c?.lifetime, life)) s.lifetimes[0]++;
    else s.wrongLifetimes.push(`${n}=${c?.duration ?? '∅'}`);
  }
  const r = compare(observedCookies(Object.keys(want.jar).map(set)), listFromPolicy('portal.example.org', { url: want.source, readAt: 'x', ...p }));
  const covered = new Set(r.declaredPresent.map((g) => g.observed.cookie.name));
  for (const [n, v] of Object.entries(want.jar)) {
    if (covered.has(n) === (v === 'declared')) s.verdicts[0]++;
    else s.wrongVerdicts.push(`${n}:${covered.has(n) ? 'declared' : 'undeclared'}`);
  }
  return s;
}

// A consent manager's machine-readable declaration (`<stem>.config.json` / `.config.js`), read by
// the product's configuration reader: scored on its own against the same expectations.
const CONFIG: Reader = (text) => {
  const c = readCmpConfig(text);
  if (!c) throw new Error('no consent-manager declaration recognised');
  return { cookies: c.cookies, providers: [], storage: c.storage, problems: c.problems };
};

type Page = [file: string, text: string, want: Expected];

/** Every page (or configuration) with its expectations, set by set: whatever set folders are present. */
function sets(suffix: RegExp): Array<[string, Page[]]> {
  if (!fs.existsSync(ROOT)) return [];
  return fs.readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => {
    const dir = path.join(ROOT, d.name);
    const expected = (f: string): string => path.join(dir, f.replace(suffix, '.expected.json'));
    const pages = fs.readdirSync(dir).filter((f) => suffix.test(f) && fs.existsSync(expected(f))).sort();
    return [d.name, pages.map((f): Page => [f, fs.readFileSync(path.join(dir, f), 'utf8'), JSON.parse(fs.readFileSync(expected(f), 'utf8')) as Expected])];
  });
}

const pct = ([a, b]: [number, number]): number => (b === 0 ? 100 : (100 * a) / b);
const sum = (xs: Score[], k: 'names' | 'lifetimes' | 'verdicts'): [number, number] => xs.reduce<[number, number]>((acc, x) => [acc[0] + x[k][0], acc[1] + x[k][1]], [0, 0]);

function table(setName: string, scores: Score[]): string {
  const rows = scores.map((s) => {
    const line = `${s.page}: names ${s.names[0]}/${s.names[1]} (+${s.invented.length} invented), lifetimes ${s.lifetimes[0]}/${s.lifetimes[1]}, verdicts ${s.verdicts[0]}/${s.verdicts[1]}`;
    const why = [s.error && `not read: ${s.error}`, s.missed.length && `missed ${s.missed.join(' ')}`, s.invented.length && `invented ${s.invented.join(' ')}`, s.wrongLifetimes.length && `lifetimes ${s.wrongLifetimes.join('; ')}`, s.wrongVerdicts.length && `verdicts ${s.wrongVerdicts.join(' ')}`].filter(Boolean);
    return why.length ? `${line}\n    ${why.join('\n    ')}` : line;
  });
  const [n, l, v] = [sum(scores, 'names'), sum(scores, 'lifetimes'), sum(scores, 'verdicts')];
  const invented = scores.reduce((a, s) => a + s.invented.length, 0);
  rows.push(`SET ${setName} (${scores.length} pages): names ${n[0]}/${n[1]} = ${pct(n).toFixed(1)}%, invented ${invented}, lifetimes ${l[0]}/${l[1]} = ${pct(l).toFixed(1)}%, verdicts ${v[0]}/${v[1]} = ${pct(v).toFixed(1)}%`);
  return rows.join('\n');
}

const SETS = sets(/\.html$/);
const CONFIG_SETS = sets(/\.config\.js(?:on)?$/);

/** The targets, asserted per set. */
function targets(scores: Score[], count: number): void {
  it('finds at least 95% of the declared names', () => {
    expect(pct(sum(scores, 'names'))).toBeGreaterThanOrEqual(95);
  });
  it('invents at most one name per 20 pages', () => {
    expect(scores.flatMap((s) => s.invented.map((n) => `${s.page}: ${n}`)).length).toBeLessThanOrEqual(count / 20);
  });
  it('understands at least 95% of the stated lifetimes', () => {
    expect(pct(sum(scores, 'lifetimes'))).toBeGreaterThanOrEqual(95);
  });
  it('gives at least 95% of the cookies a site sets the right verdict', () => {
    expect(pct(sum(scores, 'verdicts'))).toBeGreaterThanOrEqual(95);
  });
}

describe.each(CONFIG_SETS.filter(([, pages]) => pages.length > 0))("consent managers' own declarations, set %s", (setName, pages) => {
  const scores = pages.map(([f, text, want]) => score(f, text, want, CONFIG));
  afterAll(() => {
    if (process.env.POLICY_SCORES) console.log(table(`${setName}, consent managers' declarations`, scores));
  });
  targets(scores, pages.length);
});

describe.each(SETS.filter(([, pages]) => pages.length > 0))('real declarations, set %s', (setName, pages) => {
  const scores = pages.map(([f, html, want]) => score(f, html, want));
  afterAll(() => {
    if (!process.env.POLICY_SCORES) return;
    console.log(table(setName, scores));
    const generic = pages.map(([f, html, want]) => score(f, html, want, GENERIC));
    console.log(process.env.POLICY_SCORES === 'generic' ? table(`${setName}, generic reader only`, generic) : (table(`${setName}, generic reader only`, generic).split('\n').pop() as string));
  });
  targets(scores, pages.length);
});

it('has real declaration pages to measure', () => {
  expect(SETS.reduce((a, [, pages]) => a + pages.length, 0)).toBeGreaterThan(0);
  // Every page and configuration has its expectations beside it (a file without them would go unmeasured).
  for (const [setName] of SETS) {
    const dir = path.join(ROOT, setName);
    const unmeasured = fs.readdirSync(dir).filter((f) => /\.html$|\.config\.js(?:on)?$/.test(f) && !fs.existsSync(path.join(dir, f.replace(/\.html$|\.config\.js(?:on)?$/, '.expected.json'))));
    expect([setName, unmeasured]).toEqual([setName, []]);
  }
});
