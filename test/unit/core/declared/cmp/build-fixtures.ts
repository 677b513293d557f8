import fs from 'node:fs';
import path from 'node:path';
import type { DeclaredLifetime } from '../../../../../src/core/declared/duration';
import { listFromPolicy } from '../../../../../src/core/declared/declared';
import type { PolicyParse } from '../../../../../src/core/declared/policy';
import { observedCookies } from '../../../../../src/core/evidence/jar';
import type { AuditEvent } from '../../../../../src/core/evidence/cookie';
import { compare } from '../../../../../src/core/judgement/compare';
import { cookie } from '../../../helpers';

// The real consent-manager declarations under test/fixtures/declarations/build (their format:
// each page's HTML, its consent manager's configuration when public, and what an auditor reads
// from it by hand), and the scores a reader gets on them.

export const BUILD = path.join(__dirname, '../../../../fixtures/declarations/build');

// Lifetimes the page misspells ("Siztungsdauer" for Sitzungsdauer): the rules hand the words over as
// written; whether a misspelt word is read is the duration reader's matter (duration.ts), not a rule's.
export const MISSPELT: Record<string, string[]> = { 'didomi-de-doctolib': ['_doctolib_session', 'Auth_session', 'JSESSIONID'] };

export interface Expected {
  source: string;
  cmp: string;
  lang: string;
  names: string[];
  lifetimes: Record<string, number | string>;
  storage: string[];
  pixels: string[];
  jar: Record<string, 'declared' | 'undeclared'>;
}

export interface Fixture {
  stem: string;
  html: string;
  expected: Expected;
  /** The consent manager's machine-readable declaration, when the page has one. */
  config?: { file: string; text: string };
}

export function fixtures(cmp?: string): Fixture[] {
  if (!fs.existsSync(BUILD)) return [];
  return fs
    .readdirSync(BUILD)
    .filter((f) => f.endsWith('.expected.json') && (!cmp || f.startsWith(`${cmp}-`)))
    .sort()
    .map((f) => {
      const stem = f.replace(/\.expected\.json$/, '');
      const configFile = fs.readdirSync(BUILD).find((g) => g.startsWith(`${stem}.config.`));
      return {
        stem,
        html: fs.readFileSync(path.join(BUILD, `${stem}.html`), 'utf8'),
        expected: JSON.parse(fs.readFileSync(path.join(BUILD, f), 'utf8')) as Expected,
        ...(configFile ? { config: { file: configFile, text: fs.readFileSync(path.join(BUILD, configFile), 'utf8') } } : {}),
      };
    });
}

/** A lifetime as the expected files write it: seconds, or its kind. */
export function lifeWord(l: DeclaredLifetime | undefined): number | string | undefined {
  if (!l) return undefined;
  return l.kind === 'fixed' ? l.seconds : l.kind;
}

const set = (name: string): AuditEvent => ({ kind: 'set', at: 1, cookie: cookie(name, { domain: 'portal.example.org' }), setBy: { kind: 'unknown', at: 1 } });

export function verdicts(p: Pick<PolicyParse, 'cookies' | 'providers' | 'storage'>, jar: string[]): Record<string, 'declared' | 'undeclared'> {
  const r = compare(observedCookies(jar.map(set)), listFromPolicy('portal.example.org', { url: 'x', readAt: 'x', ...p }));
  return Object.fromEntries([...r.declaredPresent.map((g) => [g.observed.cookie.name, 'declared' as const]), ...r.undeclared.map((o) => [o.cookie.name, 'undeclared' as const])]);
}

export interface Score {
  stem: string;
  names: [number, number];
  invented: string[];
  lifetimes: [number, number];
  verdicts: [number, number];
  storage: [number, number];
}

export function score(f: Fixture, p: Pick<PolicyParse, 'cookies' | 'providers' | 'storage'>): Score {
  const got = p.cookies.map((c) => c.name);
  const e = f.expected;
  const lifeOf = (n: string): number | string | undefined => lifeWord(p.cookies.find((c) => c.name === n)?.lifetime);
  const v = verdicts(p, Object.keys(e.jar));
  const storage = p.storage.map((s) => `${s.kind}:${s.key}`);
  return {
    stem: f.stem,
    names: [e.names.filter((n) => got.includes(n)).length, e.names.length],
    invented: got.filter((n) => !e.names.includes(n)),
    lifetimes: [Object.entries(e.lifetimes).filter(([n, l]) => lifeOf(n) === l).length, Object.keys(e.lifetimes).length],
    verdicts: [Object.entries(e.jar).filter(([n, x]) => v[n] === x).length, Object.keys(e.jar).length],
    storage: [e.storage.filter((s) => storage.includes(s)).length, e.storage.length],
  };
}

export const showScore = (s: Score): string =>
  `${s.stem}: names ${s.names[0]}/${s.names[1]} (+${s.invented.length} invented${s.invented.length ? `: ${s.invented.join(' ')}` : ''}), lifetimes ${s.lifetimes[0]}/${s.lifetimes[1]}, verdicts ${s.verdicts[0]}/${s.verdicts[1]}, storage ${s.storage[0]}/${s.storage[1]}`;
