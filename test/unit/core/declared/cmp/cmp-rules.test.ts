import { readCmpDeclaration, CMP_RULES } from '../../../../../src/core/declared/cmp';
import { parsePolicyHtml } from '../../../../../src/core/declared/policy';
import { fixtures, lifeWord, MISSPELT, score, showScore, verdicts } from './build-fixtures';

// Each consent manager's rule on the real declarations of it (test/fixtures/declarations/build):
// every name the auditor reads by hand and no other, each name's own lifetime, storage and pixels
// kept apart, and the verdict on the cookies such a site sets. CMP_SCORES=1 prints the scores.

const RULE_OF: Record<string, string> = { cookielawinfo: 'cookieyes' };
const pages = fixtures().filter((f) => f.expected.cmp !== 'handmade');

describe.each(pages.map((f) => [f.stem, f] as const))('%s', (_stem, f) => {
  const want = RULE_OF[f.expected.cmp] ?? f.expected.cmp;
  const parsed = readCmpDeclaration(f.html);
  it(`is read by the ${want} rule, which says so`, () => {
    expect(parsed?.cmp.id).toBe(want);
    expect(parsed?.problems[0]).toMatch(new RegExp(CMP_RULES.find((r) => r.id === want)?.name ?? want));
  });
  it('reads every declared name, and nothing that is not one', () => {
    expect([...new Set(parsed?.cookies.map((c) => c.name))].sort()).toEqual([...f.expected.names].sort());
  });
  it("understands each name's own lifetime", () => {
    const want = Object.fromEntries(Object.entries(f.expected.lifetimes).filter(([n]) => !(MISSPELT[f.stem] ?? []).includes(n)));
    const got = Object.fromEntries(Object.keys(want).map((n) => [n, lifeWord(parsed?.cookies.find((c) => c.name === n)?.lifetime)]));
    expect(got).toEqual(want);
  });
  it('keeps storage and pixels apart from the cookies', () => {
    expect(parsed?.storage.map((s) => `${s.kind}:${s.key}`).sort()).toEqual([...f.expected.storage].sort());
    expect([...(parsed?.pixels ?? [])].sort()).toEqual([...f.expected.pixels].sort());
  });
  it('gives the cookies such a site sets the right verdict', () => {
    expect(verdicts(parsed ?? { cookies: [], providers: [], storage: [] }, Object.keys(f.expected.jar))).toEqual(f.expected.jar);
  });
  it('keeps where each entry was read from: the rule and its place', () => {
    for (const c of parsed?.cookies ?? []) expect(c.from).toMatchObject({ kind: 'cmp', cmp: want, where: expect.stringMatching(/\S/) });
  });
  it('is what the policy reader returns for the page', () => {
    expect(parsePolicyHtml(f.html).cookies.map((c) => c.name)).toEqual(parsed?.cookies.map((c) => c.name));
  });
});

afterAll(() => {
  if (!process.env.CMP_SCORES) return;
  console.log(pages.map((f) => showScore(score(f, readCmpDeclaration(f.html) ?? { cookies: [], providers: [], storage: [] }))).join('\n'));
});

describe('pages no consent manager rendered', () => {
  const handmade = fixtures().filter((f) => f.expected.cmp === 'handmade');
  it.each(handmade.map((f) => [f.stem, f] as const))('%s is left to the policy reader', (_stem, f) => {
    expect(readCmpDeclaration(f.html)).toBeNull();
  });
});

describe('what a rule could not read is listed as a problem', () => {
  const row = (cells: string[]): string => `<tr>${cells.map((c) => `<td class="CookieDeclarationTableCell">${c}</td>`).join('')}</tr>`;
  const page = `<div class="CookieDeclaration"><div class="CookieDeclarationType"><p class="CookieDeclarationTypeHeader">Statistics (3) </p>
    <table class="CookieDeclarationTable"><tbody>
    ${row(['_ga', 'Google', 'Counts visits.', '2 years', 'HTTP Cookie'])}
    ${row(['all the cookies of our partners', 'Various', 'Various.', '1 year', 'HTTP Cookie'])}
    ${row(['_gid', 'Google', 'Counts visits.', 'zzz qqq', 'HTTP Cookie'])}
    ${row(['collect', 'Google', 'Sends data.', 'Session', 'Pixel Tracker'])}
    </tbody></table></div></div>`;
  const p = readCmpDeclaration(page);
  it('reads the names it can, skips what is not a name, and says so with the place', () => {
    expect(p?.cookies.map((c) => c.name)).toEqual(['_ga', '_gid']);
    expect(p?.problems.join('\n')).toMatch(/"Statistics", row 2: “all the cookies of our partners” is not a cookie name/);
    expect(p?.problems.join('\n')).toMatch(/"Statistics", row 4: “collect” is a pixel or tracker/);
    expect(p?.cookies.find((c) => c.name === '_ga')?.category).toBe('analytics');
  });
});
