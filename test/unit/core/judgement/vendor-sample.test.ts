import fs from 'node:fs';
import path from 'node:path';
import { knownCookie } from '../../../../src/core/judgement/classify';
import { siteOfHost } from '../../../../src/core/evidence/party';

// A sample of 90 cookies that real vendors document and that their scripts (or the site's server)
// write on the site's own domain, as a jar holds them, dynamic parts filled in. It was gathered
// from vendors' documentation apart from the knowledge base, by someone who never read the
// knowledge base's tables, and is kept out of them: it measures them. A cookie counts when it gets
// the category its vendor documents, and a vendor whose name shares a word with the documented one.
// VENDOR_SCORES=1 prints every miss. The issue's target is 95%; on its first run, before anything was
// changed for it, the knowledge base classified 85 of 90 (94.4%): one name unknown (Kameleoon's
// opt-out cookie) and four where the knowledge base and the sample's reading of the vendor's page
// differ on the category (functional or necessary). The floor below guards that figure; the target
// is stated beside it, not met.

interface Sample {
  name: string;
  domain: string;
  vendor: string;
  category: string;
}

const SAMPLE = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../fixtures/vendor-sample.json'), 'utf8')) as Sample[];
const words = (v: string): Set<string> => new Set(v.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length >= 3));
const sameVendor = (a: string, b: string): boolean => [...words(a)].some((w) => words(b).has(w));

it('classifies the documented vendor cookies as their vendors document them: no fewer than the 85 of 90 of its first run (target 95%, not met)', () => {
  const misses: string[] = [];
  let right = 0;
  for (const s of SAMPLE) {
    const k = knownCookie(s.name, siteOfHost(s.domain));
    if (k && k.category === s.category && sameVendor(k.vendor, s.vendor)) right++;
    else misses.push(`${s.name} (${s.vendor}, ${s.category}): ${k ? `${k.vendor}, ${k.category}, ${k.how}` : 'unknown'}`);
  }
  if (process.env.VENDOR_SCORES) console.log(`${right}/${SAMPLE.length}\n${misses.join('\n')}`);
  expect(SAMPLE.length).toBe(90);
  const TARGET = 0.95;
  if (right / SAMPLE.length < TARGET) console.log(`vendor sample: ${right}/${SAMPLE.length}, under the target of ${TARGET * 100}%`);
  expect(right).toBeGreaterThanOrEqual(85);
});
