import fs from 'node:fs';
import path from 'node:path';
import { VENDOR_FILES } from '../../../../src/core/judgement/vendors/files';
import { GROUPS } from '../../../../src/core/judgement/vendors/types';
import { validateVendorFiles } from '../../../../src/core/judgement/vendors/validate';
import { patternRegExp } from '../../../../src/core/judgement/vendors/pattern';

// The vendor knowledge base as committed: the files the build bundles, held to the format's rules.

const dir = path.join(__dirname, '../../../../src/core/judgement/vendors/data');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((file) => ({ file, data: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { group: string; vendors: Array<{ id: string; cookies?: Array<{ name: string }> }> } }));

describe('the vendor knowledge base', () => {
  it('has one file per group, each naming its group, and the build bundles every one', () => {
    expect(files.map((f) => f.file)).toEqual(GROUPS.map((g) => `${g}.json`).sort());
    for (const f of files) expect(f.data.group).toBe(f.file.replace(/\.json$/, ''));
    expect(VENDOR_FILES.map((f) => f.group).sort()).toEqual([...GROUPS].sort());
  });
  it('every entry has a source URL, a category and a place from the allowed sets, and every id is unique', () => {
    expect(validateVendorFiles(files).errors).toEqual([]);
  });
  it('documents at least 300 vendors, with vendors in every group', () => {
    const vendors = files.flatMap((f) => f.data.vendors);
    expect(vendors.length).toBeGreaterThanOrEqual(300);
    for (const f of files) expect([f.file, f.data.vendors.length > 0]).toEqual([f.file, true]);
  });
  it('every documented name compiles to an anchored pattern that matches the name as written with its placeholders filled', () => {
    for (const f of files) {
      for (const v of f.data.vendors) {
        for (const c of v.cookies ?? []) {
          const filled = c.name.replace(/\{[^{}]+\}/g, 'a1');
          expect([c.name, patternRegExp(c.name).test(filled)]).toEqual([c.name, true]);
        }
      }
    }
  });
});

describe('the rules of the format', () => {
  const bad = {
    file: 'bad.json',
    data: {
      group: 'analytics',
      vendors: [
        { id: 'Acme', name: 'Acme', domains: ['acme.example'], source: 'see their site', cookies: [{ name: 'acme_{id}', category: 'tracking', purpose: 'x', where: 'site' }] },
        { id: 'beta', name: 'Beta', domains: ['beta.example'], source: 'https://beta.example/cookies', cookies: [{ name: '{id}uid', category: 'analytics', purpose: 'x', where: 'first-party' }] },
        { id: 'beta', name: 'Beta again', domains: ['beta.example'], source: 'https://beta.example/cookies', cookies: [{ name: 'has space', category: 'necessary', purpose: 'x', where: 'both', consentRecord: true }] },
      ],
    },
  };
  it('reports each broken rule, and leaves out patterns too loose to match without guessing', () => {
    const { errors, leftOut } = validateVendorFiles([bad, { file: 'other.json', data: { group: 'nonsense', vendors: [] } }]);
    expect(errors).toEqual([
      'bad.json: vendor "Acme": id is not a lowercase slug',
      'bad.json: vendor "Acme": source is not a URL',
      'bad.json: vendor "Acme", cookie "acme_{id}": category "tracking" is not one of necessary, functional, analytics, advertising',
      'bad.json: vendor "Acme", cookie "acme_{id}": where "site" is not one of first-party, vendor, both',
      'bad.json: vendor "beta": id already used in bad.json',
      'bad.json: vendor "beta", cookie "has space": is not a cookie name',
      'other.json: group: "nonsense" is not one of ab-testing, session-replay, analytics, advertising, chat, infrastructure, consent, commerce, cms, framework, payment',
    ]);
    expect(leftOut).toEqual(['bad.json: vendor "beta", cookie "{id}uid": too little fixed text to match without guessing (left out)']);
  });
});
