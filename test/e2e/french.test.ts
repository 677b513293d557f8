import type { Fixtures } from '../fixtures/portal';
import { badgeTitle, eventually, openAndSettle, popupGroups, runCli, withBrowser, type Launched } from './harness';

// A browser started in French (--lang=fr): the extension speaks French everywhere, as does the CLI.

let fx: Fixtures;
let l: Launched;
let tabId: number;
withBrowser(async (f, b) => {
  fx = f;
  l = b;
  ({ tabId } = await openAndSettle(l, `${fx.portal}/basic`));
}, { lang: 'fr' });

it('the popup is in French: verdict, findings, groups, controls, dates', async () => {
  const { page, groups } = await popupGroups(l, tabId);
  expect(groups.undeclared).toHaveLength(6);
  expect(await page.getAttribute('html', 'lang')).toBe('fr');
  expect(await page.textContent('[data-count="undeclared"]')).toBe('✗ 6 non déclarés');
  expect(await page.textContent('section[data-group="undeclared"] h2')).toBe('Non déclarés (6)');
  expect(await page.textContent('section[data-group="findings"] h2')).toMatch(/^Constats \(\d+\)$/);
  expect(await page.textContent('li.finding[data-rule="undeclared"]')).toMatch(/Le cookie (de mesure d’audience Matomo )?\S+ est déposé mais la politique de cookies ne le déclare pas/);
  expect(await page.textContent('label[for], label:has(#show-values)')).toMatch(/Afficher les valeurs/);
  expect(await page.textContent('li.cookie[data-cookie-name="csrftoken"]')).toMatch(/Expiration\s*\d{1,2} \S+ \d{4}/);
  expect(await page.textContent('li.cookie[data-cookie-name="csrftoken"] summary')).toBe('Chronologie (1 changement)');
  await page.close();
});

it('the options page and the badge title are in French', async () => {
  const page = await l.context.newPage();
  await page.goto(`chrome-extension://${l.extensionId}/options.html`);
  await page.waitForSelector('#app[data-ready="true"]');
  expect(await page.textContent('h1')).toBe('Listes déclarées');
  expect(await page.textContent('form.add-site button')).toBe('Ajouter une liste pour ce site');
  await page.close();
  await eventually(async () => expect(await badgeTitle(l, tabId)).toBe('cookie-auditor : 6 cookies non déclarés sur 127.0.0.1'));
});

it('the command line reports in French with --lang fr, or from LANG', async () => {
  const run = await runCli([`${fx.portal}/basic`, '--lang', 'fr']);
  expect(run.stdout).toMatch(/^Audit des cookies de /);
  expect(run.stdout).toMatch(/CONSTATS/);
  expect(run.stdout).toMatch(/NON DÉCLARÉS \(6\)/);
  const env = await runCli([`${fx.portal}/basic`, '--format', 'json'], { LANG: 'fr_FR.UTF-8' });
  const r = JSON.parse(env.stdout) as { language: string; findings: Array<{ explanation: string }> };
  expect(r.language).toBe('fr');
  expect(r.findings[0]?.explanation).toMatch(/^Le /);
});

it('the command line explains its errors and its options in French too', async () => {
  const bad = await runCli(['--frobnicate'], { LANG: 'fr_FR.UTF-8' });
  expect(bad.code).toBe(2);
  expect(bad.stderr).toBe('cookie-auditor: Option inconnue --frobnicate. Voir --help.\n');
  const help = await runCli(['--help', '--lang', 'fr']);
  expect(help.stdout).toMatch(/^Usage : cookie-auditor /);
  expect(help.stdout).toMatch(/--consent SÉLECTEUR/);
});
