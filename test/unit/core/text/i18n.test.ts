import fs from 'node:fs';
import path from 'node:path';
import { buildReport } from '../../../../src/core/report/report';
import { catalogueTranslator, CATALOGUES, formatDuration, formatInstant, langOf, plural, substitute } from '../../../../src/core/text/i18n';
import { formatText } from '../../../../src/core/report/format-text';
import { formatHtml } from '../../../../src/core/report/format-html';
import { OPENDATASOFT_LIST } from '../../../../src/core/declared/declared';
import { cookie } from '../../helpers';

const en = CATALOGUES.en;
const fr = CATALOGUES.fr;
const placeholders = (m: string): string[] => [...m.matchAll(/\$([1-9])/g)].map((x) => x[1] as string).sort();

describe('the catalogues', () => {
  it('French has every English message, with the same substitutions, and nothing more', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const [key, { message }] of Object.entries(en)) {
      expect([key, placeholders(fr[key as keyof typeof fr].message)]).toEqual([key, placeholders(message)]);
    }
  });
  it('French is translated, not copied: only names, codes and formats read the same', () => {
    const same = Object.keys(en).filter((k) => en[k as keyof typeof en].message === fr[k as keyof typeof fr].message);
    // Brand, file formats, technical words that French uses as is.
    expect(same.sort()).toEqual(['actions', 'col_cookies', 'col_partition', 'export_csv', 'export_json', 'export_md', 'ext_name', 'html_page', 'pages_head', 'session', 'setby_script', 'verdict', 'who_plain'].sort());
  });
  it('are valid browser.i18n message files: names of letters, digits and underscores', () => {
    for (const lang of ['en', 'fr']) {
      const file = JSON.parse(fs.readFileSync(path.join(__dirname, `../../../../_locales/${lang}/messages.json`), 'utf8')) as Record<string, { message: string }>;
      for (const key of Object.keys(file)) expect(key).toMatch(/^[A-Za-z0-9_]+$/);
    }
  });
});

describe('translating', () => {
  const t = catalogueTranslator('fr');
  it('substitutes $1…$9 as browser.i18n does', () => {
    expect(substitute('$1 of $2 costs $$3', ['a', 2])).toBe('a of 2 costs $3');
  });
  it('picks plural forms by the locale: French counts 0 and 1 as singular', () => {
    expect(plural(t, 'page_new_cookies', 0)).toBe('0 nouveau cookie');
    expect(plural(t, 'page_new_cookies', 2)).toBe('2 nouveaux cookies');
    expect(plural(catalogueTranslator('en'), 'page_new_cookies', 0)).toBe('0 new cookies');
  });
  it('formats dates and durations for the locale', () => {
    expect(formatInstant('2026-11-24T08:05:09.000Z', t)).toBe('24 nov. 2026, 08:05:09 UTC');
    expect(formatInstant('2026-11-24T08:05:09.000Z', catalogueTranslator('en'))).toBe('Nov 24, 2026, 8:05:09 AM UTC');
    expect(formatDuration(2 * 365 * 86_400, t)).toBe('24\u00a0mois'); // Intl's non-breaking space
    expect(formatDuration(14 * 86_400, t)).toBe('14\u00a0jours');
    expect(formatDuration(2 * 365 * 86_400, catalogueTranslator('en'), true)).toBe('2 years');
  });
  it('reads the language of a POSIX locale', () => {
    expect(langOf('fr_FR.UTF-8')).toBe('fr');
    expect(langOf('de_DE')).toBe('en');
    expect(langOf(undefined)).toBe('en');
  });
});

describe('a report in French', () => {
  const t = catalogueTranslator('fr');
  const r = buildReport({
    url: 'https://data.portal.fr/', site: 'portal.fr', startedAt: 0, generatedAt: 1000, showValues: false, t,
    declaredList: OPENDATASOFT_LIST, environment: { browser: 'Chromium', extensionVersion: '0.1.0', thirdPartyCookies: 'allowed' },
    events: [{ kind: 'set', at: 5, cookie: cookie('_pk_id.1.ab', { domain: 'data.portal.fr', session: false, expirationDate: 40_000_000 }), setBy: { kind: 'script', url: 'https://data.portal.fr/m.js', frameUrl: 'https://data.portal.fr/', at: 5 } }],
  });
  it('words its findings in French', () => {
    expect(r.language).toBe('fr');
    expect(r.findings.map((f) => f.explanation)).toContain('Le cookie de mesure d’audience Matomo _pk_id.1.ab est déposé mais la politique de cookies ne le déclare pas.');
    expect(r.findings.find((f) => f.rule === 'lifetime-over-13-months')?.explanation).toMatch(/demande une durée de vie de 15\s+mois/);
  });
  it('and its text and HTML forms too', () => {
    expect(formatText(r, t)).toMatch(/^Audit des cookies de https:\/\/data\.portal\.fr\/ \(site portal\.fr\)\nListe déclarée : /);
    expect(formatText(r, t)).toMatch(/CONSTATS \(\d+ : \d+ élevés/);
    const html = formatHtml(r, t);
    expect(html).toContain('<html lang="fr">');
    expect(html).toMatch(/<h2 id="h-undeclared">Non déclarés \(1\)<\/h2>/);
  });
});
