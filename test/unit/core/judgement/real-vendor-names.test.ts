import { classify } from '../../../../src/core/judgement/classify';
import { REAL_VENDOR_NAMES } from '../../../fixtures/real-names';

// Fifty cookies as real sites carry them (test/fixtures/real-names.ts): the shipped tables must
// give at least 48 the vendor and category their vendors document, each saying how and from where.

describe('fifty real vendor cookies', () => {
  const results = REAL_VENDOR_NAMES.map(([name, site, vendor, category]) => {
    const k = classify(name, site);
    return { name, ok: k.category === category && vendor.test(k.vendor ?? ''), got: `${k.vendor ?? 'no vendor'}/${k.category}`, k };
  });
  it('classifies at least 48 of 50 as their vendors document them', () => {
    const wrong = results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.got}`);
    expect(REAL_VENDOR_NAMES).toHaveLength(50);
    // The misses are listed when there are more than two.
    expect(wrong.length <= 2 ? [] : wrong).toEqual([]);
  });
  it('every classification says how it was made and names a source with a web address', () => {
    for (const r of results.filter((x) => x.k.category !== 'unknown')) {
      expect([r.name, r.k.how, r.k.source]).toEqual([r.name, expect.stringMatching(/^(exact|family|database)$/), expect.stringMatching(/https?:\/\//)]);
    }
  });
});
