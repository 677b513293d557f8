import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describeLifetime, parseDuration } from '../../../../src/core/declared/duration';
import { catalogueTranslator } from '../../../../src/core/text/i18n';

// Lifetimes as policies write them in the languages of the EU, Norway, Iceland and Turkey, read with
// unit words generated from CLDR (scripts/duration-words.js → src/core/declared/duration-words.json).

const ROOT = path.join(__dirname, '../../../..');
const DAY = 86_400;
const MONTH = (365 / 12) * DAY;
const YEAR = 365 * DAY;

describe('the unit words generated from CLDR', () => {
  it('are up to date with the generator and this Node ICU', () => {
    const fresh = execFileSync(process.execPath, [path.join(ROOT, 'scripts/duration-words.js'), '--stdout'], { encoding: 'utf8' });
    expect(fs.readFileSync(path.join(ROOT, 'src/core/declared/duration-words.json'), 'utf8')).toBe(fresh);
  });
});

describe('durations in many languages', () => {
  it.each([
    ['1 year', YEAR], ['2 years', 2 * YEAR], ['400 days', 400 * DAY], ['3 months', 3 * MONTH], ['1 minute', 60],
    ['2 lat', 2 * YEAR], ['1 rok', YEAR], ['3 miesięcy', 3 * MONTH], ['30 dni', 30 * DAY], ['1 dzień', DAY],
    ['1 an', YEAR], ['20 de zile', 20 * DAY], ['2 ani', 2 * YEAR], ['6 luni', 6 * MONTH], ['30 de minute', 1800],
    ['13 Monate', 13 * MONTH], ['2 Jahre', 2 * YEAR], ['14 Tage', 14 * DAY], ['1 Jahr', YEAR],
    ['30 dagar', 30 * DAY], ['1 år', YEAR], ['6 månader', 6 * MONTH], ['2 timmar', 2 * 3600],
    ['30 dager', 30 * DAY], ['12 måneder', 12 * MONTH], ['1 uke', 7 * DAY],
    ['365 päivää', 365 * DAY], ['2 vuotta', 2 * YEAR], ['30 päivän', 30 * DAY],
    ['2 roky', 2 * YEAR], ['30 dní', 30 * DAY], ['2 év', 2 * YEAR], ['30 nap', 30 * DAY], ['13 hónap', 13 * MONTH],
    ['2 έτη', 2 * YEAR], ['30 ημέρες', 30 * DAY], ['1 година', YEAR], ['30 дни', 30 * DAY],
    ['2 anos', 2 * YEAR], ['30 dias', 30 * DAY], ['2 años', 2 * YEAR], ['1 día', DAY], ['30 giorni', 30 * DAY],
    ['2 gadi', 2 * YEAR], ['30 dienų', 30 * DAY], ['1 aasta', YEAR], ['1 yıl', YEAR], ['30 gün', 30 * DAY], ['6 ay', 6 * MONTH],
    ['1 ár', YEAR], ['2 godine', 2 * YEAR], ['1 leto', YEAR], ['24 h', 86_400],
    ['Kakan lagras i ett år.', YEAR], ['i en vecka', 7 * DAY], ['un an', YEAR], ['a year', YEAR], ['Súbory sa vymažú po 2 (dvoch) hodinách', 7200],
    ['po 6 (šiestich) mesiacoch', 6 * MONTH], ['30 minuttar', 1800], ['13 månader', 13 * MONTH], ['2914047 Days', 2914047 * DAY],
  ])('"%s"', (text, seconds) => {
    expect(parseDuration(text)).toEqual({ kind: 'fixed', seconds: Math.round(seconds), upTo: false });
  });
  it('sums compound durations, and reads two statements as the first', () => {
    expect(parseDuration('1 year 1 month 4 days')).toMatchObject({ seconds: 31_536_000 + 2_628_000 + 345_600 });
    expect(parseDuration('1 an et 6 mois')).toMatchObject({ seconds: YEAR + 6 * MONTH });
    expect(parseDuration('1 year 11 months 29 days')).toMatchObject({ seconds: Math.round(YEAR + 11 * MONTH + 29 * DAY) });
    expect(parseDuration('2 years or 13 months')).toMatchObject({ seconds: 2 * YEAR });
    expect(parseDuration('4 years 12 months 4 days')).toMatchObject({ seconds: 5 * YEAR + 4 * DAY });
    expect(parseDuration('It has a one-month shelf-life')).toMatchObject({ seconds: Math.round(MONTH) });
    expect(parseDuration('a 30-day cookie')).toMatchObject({ seconds: 30 * DAY });
  });
  it('keeps "up to"', () => {
    expect(parseDuration('do 12 miesięcy')).toMatchObject({ upTo: true });
    expect(parseDuration('Maximum 2 years')).toMatchObject({ upTo: true });
  });
  it('reads words with no figure for what they say', () => {
    expect(parseDuration('Session')).toEqual({ kind: 'session' });
    expect(parseDuration('Sesyjne')).toEqual({ kind: 'session' });
    expect(parseDuration('Sesiune')).toEqual({ kind: 'session' });
    expect(parseDuration('Never expires')).toEqual({ kind: 'never' });
    expect(parseDuration('Persistent')).toEqual({ kind: 'persistent' });
    expect(parseDuration('Stałe')).toEqual({ kind: 'persistent' });
    expect(parseDuration('Expires in the past')).toEqual({ kind: 'past' });
    expect(parseDuration('a few seconds')).toEqual({ kind: 'stated' });
    expect(parseDuration('varies')).toEqual({ kind: 'stated' });
    expect(parseDuration('Used for ad targeting')).toEqual({ kind: 'stated' });
    expect(parseDuration('12 fortnights')).toEqual({ kind: 'unparsed' });
  });
  it('describes each kind in the user’s language', () => {
    const fr = catalogueTranslator('fr');
    expect(describeLifetime(parseDuration('Never expires'))).toBe('never expires');
    expect(describeLifetime(parseDuration('Never expires'), fr)).toBe('n’expire jamais');
    expect(describeLifetime(parseDuration('a few seconds'))).toBe('stated in words, no duration');
    expect(describeLifetime(parseDuration('2 lat'))).toBe('2 years');
  });
});

describe('words consent managers use for lifetimes with no single figure', () => {
  it.each([
    ['Unlimited', 'never'], ['indefinite', 'persistent'], ['indéterminée', 'persistent'], ['1-10 Years', 'stated'], ['beständig', 'persistent'], ['hartnäckig', 'persistent'], ['Do zavření prohlížeče', 'session'], ['Until the browser is closed', 'session'],
  ])('"%s" is %s', (text, kind) => {
    expect(parseDuration(text).kind).toBe(kind);
  });
});
