import { listFromConfig, readCmpConfig } from '../../../../../src/core/declared/cmp-config';
import { parseDeclaredList, serializeDeclaredList } from '../../../../../src/core/declared/declared-json';
import { fixtures, lifeWord, MISSPELT, score, showScore, verdicts } from './build-fixtures';

// Each consent manager's machine-readable declaration (the `.config.*` of a build fixture, in its real
// format) read as a list declared by the consent manager: the same names as its page, each with the
// JSON path it came from. CMP_SCORES=1 prints the scores.

const pages = fixtures().filter((f) => f.config !== undefined);

describe.each(pages.map((f) => [f.config?.file ?? '', f] as const))('%s', (_file, f) => {
  const parsed = readCmpConfig(f.config?.text ?? '');
  it("is recognised as its consent manager's format", () => {
    expect(parsed?.cmp).toBe(f.expected.cmp);
  });
  it('declares the names the page declares, and no other', () => {
    expect([...new Set(parsed?.cookies.map((c) => c.name))].sort()).toEqual([...f.expected.names].sort());
  });
  it('gives the cookies such a site sets the verdicts the page gives them', () => {
    expect(verdicts({ cookies: parsed?.cookies ?? [], providers: [], storage: [] }, Object.keys(f.expected.jar))).toEqual(f.expected.jar);
  });
  it('keeps the JSON path of every entry, and says the consent manager declares it', () => {
    for (const c of parsed?.cookies ?? []) expect(c.from).toMatchObject({ kind: 'json', cmp: f.expected.cmp, path: expect.stringMatching(/\S/) });
    if (parsed) expect(listFromConfig(parsed, 'https://cdn.example/config', 'now').declaredBy).toBe('consent-manager');
  });
  it('understands the lifetimes it states in figures', () => {
    const fixed = Object.entries(f.expected.lifetimes).filter(([n, l]) => (typeof l === 'number' || l === 'session') && !(MISSPELT[f.stem] ?? []).includes(n));
    const got = fixed.filter(([n, l]) => lifeWord(parsed?.cookies.find((c) => c.name === n)?.lifetime) === l);
    expect(got.length / Math.max(1, fixed.length)).toBeGreaterThanOrEqual(0.9);
  });
});

describe('what is not a consent manager declaration', () => {
  it('reads nothing from JSON or script of another shape', () => {
    expect(readCmpConfig('{"cookies": 3}')).toBeNull();
    expect(readCmpConfig('var a = [1, 2];')).toBeNull();
  });
});

afterAll(() => {
  if (!process.env.CMP_SCORES) return;
  console.log(pages.map((f) => { const p = readCmpConfig(f.config?.text ?? ''); return 'config ' + showScore(score(f, { cookies: p?.cookies ?? [], providers: [], storage: p?.storage ?? [] })); }).join('\n'));
});

describe('kept when the list is stored', () => {
  it('keeps each entry\'s source, who declares it, how it was found and the consent manager\'s list alongside', () => {
    const f = pages.find((x) => x.expected.cmp === 'cookiebot');
    const cm = listFromConfig(readCmpConfig(f?.config?.text ?? '') as NonNullable<ReturnType<typeof readCmpConfig>>, 'https://consent.cookiebot.com/x/cc.js', 'now');
    const list = { name: 'Cookie policy of shop.example', source: 'https://shop.example/cookies', foundBy: 'the policy page the page links to', cookies: [{ name: '_ga', provider: 'Google', function: '', purpose: '', from: { kind: 'table' as const, table: 1, row: 2, cell: 1 } }], consentManager: cm };
    const back = parseDeclaredList(serializeDeclaredList(list), 'x');
    expect(back.foundBy).toBe(list.foundBy);
    expect(back.cookies[0]?.from).toEqual({ kind: 'table', table: 1, row: 2, cell: 1 });
    expect(back.consentManager?.declaredBy).toBe('consent-manager');
    expect(back.consentManager?.cookies.map((c) => [c.name, c.from])).toEqual(cm.cookies.map((c) => [c.name, c.from]));
  });
});
