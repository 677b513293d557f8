import Ajv2020 from 'ajv/dist/2020';
import fs from 'node:fs';
import path from 'node:path';
import { OPENDATASOFT_LIST } from '../../../../src/core/declared/declared';
import { DeclaredListError, parseDeclaredList, serializeDeclaredList } from '../../../../src/core/declared/declared-json';
import { findPolicyLinks } from '../../../../src/core/declared/policy-links';

describe('declared list files', () => {
  it('round-trips, and the file validates against the published schema', () => {
    const text = serializeDeclaredList(OPENDATASOFT_LIST);
    const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../docs/declared-list.schema.json'), 'utf8'));
    const validate = new Ajv2020({ allErrors: true }).compile(schema);
    expect(validate(JSON.parse(text)) ? [] : validate.errors).toEqual([]);
    expect(parseDeclaredList(text, 'x')).toEqual(OPENDATASOFT_LIST);
  });
  it('accepts a bare array and reads durations', () => {
    const l = parseDeclaredList('[{"name": "_ga_*", "duration": "13 mois"}]', 'file a.json');
    expect(l).toMatchObject({ name: 'Imported list', source: 'file a.json', cookies: [{ name: '_ga_*', lifetime: { kind: 'fixed' } }] });
  });
  it.each([
    ['{', /Not valid JSON/],
    ['42', /Expected an object/],
    ['{"cookies": {}}', /"cookies" must be an array/],
    ['{"cookies": [{"name": "a"}, {"purpose": "x"}]}', /cookies\[1\]\.name must be a string/],
    ['{"cookies": [{"name": "a"}, {"name": "*"}]}', /cookies\[1\]\.name: The pattern "\*" would match every cookie/],
    ['{"cookies": [{"name": "a", "purpose": 3}]}', /cookies\[0\]\.purpose must be a string when present/],
    ['{"schema": "cookie-auditor/declared-list@9", "cookies": []}', /this version reads cookie-auditor\/declared-list@1/],
  ])('refuses %s with a message that points at the problem', (json, message) => {
    expect(() => parseDeclaredList(json, 'f')).toThrow(DeclaredListError);
    expect(() => parseDeclaredList(json, 'f')).toThrow(message);
  });
  it('keeps names holding HTML as plain strings', () => {
    expect(parseDeclaredList('[{"name": "<img src=x onerror=alert(1)>"}]', 'f').cookies[0]?.name).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('finding the policy link', () => {
  it('prefers a link that says it is the cookie policy, in English or French', () => {
    const html = `<footer><a href="/about">About</a><a href="/privacy">Privacy</a>
      <a href="/terms/cookies-policy/#top">Politique de cookies</a><a href="javascript:cookies()">Cookies</a></footer>`;
    const links = findPolicyLinks(html, 'https://data.portal.fr/explore/');
    expect(links[0]).toMatchObject({ url: 'https://data.portal.fr/terms/cookies-policy/', text: 'Politique de cookies' });
    expect(links.map((l) => l.url)).not.toContain('javascript:cookies()');
  });
  it('finds "Gestion des cookies" and paths that mention cookies, and nothing on a page without one', () => {
    expect(findPolicyLinks('<a href="/p/42">Gestion des cookies</a>', 'https://a.fr/')[0]?.url).toBe('https://a.fr/p/42');
    expect(findPolicyLinks('<a href="/legal/cookie-policy">Legal</a>', 'https://a.fr/')[0]?.url).toBe('https://a.fr/legal/cookie-policy');
    expect(findPolicyLinks('<a href="/home">Home</a>', 'https://a.fr/')).toEqual([]);
  });
});
