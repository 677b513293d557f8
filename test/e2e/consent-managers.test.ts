import Ajv2020 from 'ajv/dist/2020';
import fs from 'node:fs';
import path from 'node:path';
import { BROWSERS } from '../../src/cli/browser/driver';
import type { Report, ReportCookie } from '../../src/core/report/report';
import { CMPS, startCmpPortals, type CmpName } from '../fixtures/cmp-portals';
import { runCli } from './harness';

// The visitor's three choices on portals behind real consent managers from npm (tarteaucitron.js,
// Orejime, Klaro, CookieConsent v3), through the command line, in Chromium and in Firefox. Each
// choice runs in a fresh browser (--choices). Choices are made through autoconsent's rules (--cmp)
// where autoconsent has a rule for the manager, else by the selectors an auditor would give; the
// misconfigured variant is refused by selector, so both ways are used on every manager.

let origin = '';
let close: (() => Promise<void>) | undefined;
beforeAll(async () => {
  const s = await startCmpPortals();
  origin = s.origin;
  close = s.close;
});
afterAll(async () => close?.());

const STATS = ['_pk_id.1.c0de', '_pk_ses.1.c0de'];
const stats = (r: Report): ReportCookie[] => r.cookies.filter((c) => STATS.includes(c.name));
const json = (stdout: string): Report => JSON.parse(stdout) as Report;
const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../../docs/report.schema.json'), 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true, formats: { 'date-time': (v: string) => !Number.isNaN(Date.parse(v)) } }).compile(schema);

describe.each(BROWSERS)('in %s', (browser) => {
  describe.each(Object.keys(CMPS) as CmpName[])('behind %s', (name) => {
    const cmp = CMPS[name];
    // The three choices on tarteaucitron, whose record at load says "wait"; refusal and acceptance on the others.
    const choices = name === 'tarteaucitron' ? ['none', 'reject', 'accept'] : ['reject', 'accept'];
    // Concurrent (two at a time, jest's maxConcurrency): each test is one CLI run that mostly waits.
    it.concurrent(`${choices.join(', ')}, each in a fresh browser (${cmp.autoconsent ? '--cmp' : 'selectors'})`, async () => {
      const ways = cmp.autoconsent ? [] : ['--consent', cmp.accept, '--reject', cmp.reject];
      // Each choice launches a fresh browser and, after the choice, loads the page again: Firefox's
      // launch alone took 30 s a run on this shared machine.
      const run = await runCli([`${origin}/${name}/`, '--browser', browser, '--choices', choices.join(','), ...ways, '--format', 'json', '--fail-on', 'none,no-choice'], {}, 200_000);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const all = json(run.stdout);
      expect(validate(all) ? [] : validate.errors).toEqual([]);
      const run_ = (c: string): Report | undefined => all.choices?.runs.find((x) => x.choice === c)?.report ?? undefined;
      const [none, reject, accept] = [run_('none'), run_('reject'), run_('accept')];
      if (!reject || !accept) throw new Error(`a run failed: ${JSON.stringify(all.choices?.runs.map((x) => x.error))}`);
      if (none) {
        // Before any choice: no statistics, and no choice, though the manager wrote its record at load.
        expect(none.consent.choice).toBe('none');
        expect(stats(none)).toEqual([]);
        expect(none.consent.record).toMatchObject({ cookie: 'tarteaucitron', choice: 'pending' });
      }
      // Refused: no statistics, the record says refused, and the report says how.
      expect(reject.consent).toMatchObject({ choice: 'refused', by: cmp.autoconsent ? 'cmp' : 'selector', record: { cookie: cmp.record, choice: 'refused' } });
      expect(reject.consent.action).toMatchObject({ outcome: 'done', effect: expect.arrayContaining(['record-changed']) });
      expect(stats(reject)).toEqual([]);
      // Accepted: the statistics come after the choice.
      expect(accept.consent).toMatchObject({ choice: 'accepted', record: { cookie: cmp.record, choice: 'accepted' } });
      expect(stats(accept).map((c) => c.name).sort()).toEqual(STATS);
      for (const c of stats(accept)) {
        expect(c.beforeConsent).toBe(false);
        expect(Date.parse(c.firstSeen)).toBeGreaterThanOrEqual(Date.parse(accept.consent.at ?? ''));
      }
      expect(all.choices?.onlyWithAcceptance.map((c) => c.split('@')[0]).sort()).toEqual(STATS);
      expect(all.choices?.notStoppedByRefusal).toEqual([]);
      expect(accept.findings.filter((f) => /consent|refusal/.test(f.rule))).toEqual([]);
    }, 240_000);

    // In Firefox on two managers (one whose banner hides from automated browsers): the rule is the browser's same code path.
    if (browser === 'chromium' || name === 'tarteaucitron' || name === 'cookieconsent') it.concurrent('a tracker hard-coded beside the consent manager is set after the refusal: set-after-refusal', async () => {
      const run = await runCli([`${origin}/${name}/?broken=1`, '--browser', browser, '--reject', cmp.reject, '--format', 'json', '--fail-on', 'high']);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
      const r = json(run.stdout);
      expect(r.consent).toMatchObject({ choice: 'refused', by: 'selector', action: { kind: 'selector', outcome: 'done' } });
      const after = r.findings.filter((f) => f.rule === 'set-after-refusal');
      expect(after.map((f) => f.cookies[0]?.split('@')[0]).sort()).toEqual(STATS);
      expect(after.every((f) => f.severity === 'high')).toBe(true);
      // Matomo may be exempt under the CNIL's conditions: the sentence says what to check.
      expect(after[0]?.explanation).toMatch(/after the visitor refused at .*Matomo may be exempt from consent.*check how it is configured/);
      expect(r.phases?.map((p) => p.name)).toEqual(['before-consent', 'after-refusal', 'after-reload']);
    });
  });

  it('tarteaucitron: --consent on its "Accept all" (#tarteaucitronPersonalize2) brings the statistics after the click, and the record written at load is no choice', async () => {
    const run = await runCli([`${origin}/tarteaucitron/`, '--browser', browser, '--consent', '#tarteaucitronPersonalize2', '--format', 'json']);
    const r = json(run.stdout);
    expect(r.consent).toMatchObject({ choice: 'accepted', by: 'selector', history: [{ choice: 'accepted' }], record: { choice: 'accepted' }, action: { outcome: 'done', effect: ['record-changed', 'banner-closed'] } });
    expect(r.phases?.map((p) => [p.name, p.cookies.map((c) => c.split('@')[0]).sort()])).toEqual([['before-consent', ['tarteaucitron']], ['after-consent', STATS], ['after-reload', []]]);
    expect(r.findings.filter((f) => /consent|refusal/.test(f.rule))).toEqual([]);
  });

  if (browser === 'chromium') it('a banner that closes before its record is written: the report says the click did both', async () => {
    const run = await runCli([`${origin}/late-record/`, '--browser', browser, '--reject', '#deny', '--format', 'json']);
    expect(run.stderr).toBe('');
    const r = json(run.stdout);
    expect(r.consent).toMatchObject({ choice: 'refused', record: { cookie: 'eu-consent', choice: 'refused' }, action: { outcome: 'done', effect: ['record-changed', 'banner-closed'] } });
  });

  // What the command line does with a choice that could not be made does not depend on the browser: Chromium only.
  if (browser === 'chromium') it('a consent manager autoconsent has no rule for: the audit completes and says so; exit 2 only with no-choice', async () => {
    // Without no-choice the exit status would be the verdict's (0 here, --fail-on none); with it, 2.
    const strict = await runCli([`${origin}/orejime/`, '--browser', browser, '--cmp', 'reject', '--timeout', '4', '--fail-on', 'none,no-choice']);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toMatch(/no consent banner found on .*\/orejime\/ by autoconsent’s rules; the audit goes on with no choice made\./);
    expect(strict.stdout).toMatch(/Command line: refuse through the consent manager — no consent banner was found/);
    expect((await runCli([`${origin}/orejime/`, '--cmp', 'reject', '--timeout', '4', '--fail-on', 'none'])).code).toBe(0);
  });

  if (browser === 'chromium') it('a consent manager that throws: the click has no effect, the report says so, nothing counts as a choice', async () => {
    const run = await runCli([`${origin}/throwing/`, '--browser', browser, '--consent', '#accept', '--format', 'json', '--timeout', '10']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/clicking “#accept” had no visible effect on .*\/throwing\/: no consent record changed and the element is still shown/);
    const r = json(run.stdout);
    expect(r.consent).toMatchObject({ choice: 'none', action: { kind: 'selector', outcome: 'no-effect' } });
    expect(r.phases).toBeUndefined();
    // A banner that never shows: the audit of what the page did is still printed.
    const missing = await runCli([`${origin}/throwing/`, '--browser', browser, '--reject', '#never-shown', '--format', 'json', '--timeout', '3']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--reject "#never-shown" matches no visible element on .*\/throwing\/; nothing was clicked\./);
    expect(json(missing.stdout).consent).toMatchObject({ choice: 'none', action: { kind: 'selector', choice: 'refused', outcome: 'no-banner' } });
  });
});

it('a choice list with an unknown word is refused before any browser starts', async () => {
  const run = await runCli(['http://127.0.0.6:1/', '--choices', 'none,maybe']);
  expect(run.code).toBe(2);
  expect(run.stderr).toBe('cookie-auditor: --choices takes none, reject and accept, separated by commas, each once (got “none,maybe”).\n');
});
