// Writes src/core/declared/duration-words.json: the words for seconds … years in every official EU
// language, plus Norwegian, Icelandic and Turkish, taken from CLDR through Node's Intl (full ICU) at
// build time rather than written by hand. Unit names (`Intl.NumberFormat` style 'unit', long, short
// and narrow) and relative-time forms (`Intl.RelativeTimeFormat`: Swedish "dagar" where the unit
// name is "dygn", the Finnish genitive "päivän") over several numbers to get every plural form; the
// number and the "in … / … ago" words (those common to every unit of a locale) are stripped.
// `node scripts/duration-words.js` writes the file; `--stdout` prints it (the unit test compares).
'use strict';
const fs = require('fs');
const path = require('path');

const LOCALES = [
  'bg', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fi', 'fr', 'ga', 'hr', 'hu', 'it', 'lt', 'lv', 'mt', 'nl', 'pl', 'pt', 'ro', 'sk', 'sl', 'sv',
  'nb', 'nn', 'is', 'tr',
];
const UNITS = { second: 1, minute: 60, hour: 3600, day: 86400, week: 604800, month: 2628000, year: 31536000 };
// Enough numbers to meet every plural category of these languages (one, two, few, many, other, and Romanian "de").
const NUMBERS = [1, 2, 3, 5, 11, 21, 22, 100, 1.5];

const lower = (s, l) => s.toLocaleLowerCase(l).normalize('NFC');
const words = (s) => s.replace(/[\d\u00a0\u202f.,]+(?=\s|$)|[\d]+/g, ' ').split(/\s+/).filter((w) => w !== '' && !/^[.,]$/.test(w));

/** The unit-word phrases of one locale, by unit, with the words every unit shares (in/ago) removed. */
function localeForms(l) {
  const forms = {};
  for (const unit of Object.keys(UNITS)) forms[unit] = new Set();
  // Relative forms: per direction, the words common to all units are the "in"/"ago" words.
  for (const sign of [1, -1]) {
    const rtf = new Intl.RelativeTimeFormat(l, { numeric: 'always', style: 'long' });
    const byUnit = Object.fromEntries(Object.keys(UNITS).map((u) => [u, NUMBERS.map((n) => words(lower(rtf.format(sign * n, u), l)))]));
    const all = Object.values(byUnit).flat();
    const common = new Set(all[0].filter((w) => Object.values(byUnit).every((outs) => outs.some((o) => o.includes(w)))));
    for (const [u, outs] of Object.entries(byUnit)) {
      for (const o of outs) {
        const phrase = o.filter((w) => !common.has(w));
        if (phrase.length >= 1 && phrase.length <= 2) forms[u].add(phrase.join(' '));
      }
    }
  }
  for (const unit of Object.keys(UNITS)) {
    for (const unitDisplay of ['long', 'short', 'narrow']) {
      const nf = new Intl.NumberFormat(l, { style: 'unit', unit, unitDisplay });
      for (const n of NUMBERS) {
        const text = lower(nf.format(n), l);
        // "5y", "5 j", "5 Tg.": what is left after the number.
        const phrase = text.replace(/^[^\p{L}]*|[\s\u00a0\u202f]*$/gu, '').replace(/[\s\u00a0\u202f]+/g, ' ');
        if (phrase !== '' && !/\d/.test(phrase)) forms[unit].add(phrase);
      }
    }
    // The field's own name ("måned", "uke", "dag"): Norwegian's plural "dager" is this plus an ending.
    const field = new Intl.DisplayNames(l, { type: 'dateTimeField' }).of(unit === 'week' ? 'weekOfYear' : unit);
    if (field) forms[unit].add(lower(field, l));
  }
  return forms;
}

function generate() {
  const meaning = new Map(); // phrase -> unit -> how many locales give it that meaning
  for (const l of LOCALES) {
    const forms = localeForms(l);
    for (const [u, set] of Object.entries(forms)) {
      for (const p of set) {
        if (!meaning.has(p)) meaning.set(p, {});
        meaning.get(p)[u] = (meaning.get(p)[u] || 0) + 1;
      }
    }
  }
  const units = Object.fromEntries(Object.keys(UNITS).map((u) => [u, []]));
  const ambiguous = {};
  for (const [p, counts] of [...meaning.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const ranked = Object.entries(counts).sort((a, b) => b[1] - a[1]);
    // "h" is an hour in most languages and something else in one: the meaning most locales give wins
    // when it has twice the votes of the next; otherwise ("m": minute or month) the phrase means nothing.
    if (ranked.length > 1) ambiguous[p] = counts;
    if (ranked.length === 1 || ranked[0][1] >= 2 * ranked[1][1]) units[ranked[0][0]].push(p);
  }
  return { generatedBy: 'scripts/duration-words.js', icu: process.versions.icu, cldr: process.versions.cldr, locales: LOCALES, seconds: UNITS, units, ambiguous };
}

const OUT = path.join(__dirname, '..', 'src', 'core', 'declared', 'duration-words.json');
const text = () => JSON.stringify(generate(), null, 1) + '\n';

if (require.main === module) {
  if (process.argv.includes('--stdout')) process.stdout.write(text());
  else fs.writeFileSync(OUT, text());
}
module.exports = { generate, OUT };
