import { compileName } from '../../../../src/core/declared/declared';
import { declaredPattern } from '../../../../src/core/declared/name-forms';

describe('placeholders real policies write', () => {
  it.each([
    ['_ga_xxx', '_ga_*'],
    ['_gac_xxx', '_gac_*'],
    ['_gcl_xxxx', '_gcl_*'],
    ['_ga_XXXXXXX', '_ga_*'],
    ['_ga_<ID>', '_ga_*'],
    ['_ga_<container id>', '_ga_*'],
    ['_ga_[id]', '_ga_*'],
    ['_ga_{container}', '_ga_*'],
    ['_ga_', '_ga_*'],
    ['_gat_UA-', '_gat_UA-*'],
    ['_pk_*', '_pk_*'],
    ['_pk_ *', '_pk_*'],
    ['_pk_id.xxx.xxx', '_pk_id.*.*'],
    ['_pk_id.<site id>.<hash>', '_pk_id.*.*'],
    ['_ga_#', '_ga_*'],
    ['_gat#', '_gat*'],
    ['MSopened.#', 'MSopened.*'],
    ['_gd#############', '_gd*'],
    ['ASPSESSIONIDXXXXXXXX', 'ASPSESSIONID*'],
    ['_gclxxxx', '_gcl*'],
    ['_pk_ses+premenné číslo', '_pk_ses*'],
  ])('%s is the pattern %s', (declared, pattern) => {
    expect(declaredPattern(declared)).toBe(pattern);
  });

  it.each(['sessionid', '_ga', 'csrftoken', 'box', 'xxx', '_gcl_xx', 'tax_xxxl', '<img src=x onerror=alert(1)>', '__Host-session', 'a-b'])('%s stays an exact name', (declared) => {
    expect(declaredPattern(declared)).toBeNull();
  });

  it('a placeholder matches its family of names and nothing shorter', () => {
    expect(compileName('_ga_XXXXXXX')('_ga_H8W2K9')).toBe(true);
    expect(compileName('_ga_XXXXXXX')('_ga')).toBe(false);
    expect(compileName('_ga_')('_ga_H8W2K9')).toBe(true);
    expect(compileName('_ga_')('_gat')).toBe(false);
    expect(compileName('_pk_ *')('_pk_ses.3.9c1e')).toBe(true);
    // `#` stands for at least one character.
    expect(compileName('PHPSESSID#')('PHPSESSID')).toBe(false);
    expect(compileName('PHPSESSID#')('PHPSESSID3')).toBe(true);
    expect(compileName('_ga_#')('_ga_ABC123XYZ')).toBe(true);
    expect(compileName('_gat_UA-')('_gat_UA-12345678-1')).toBe(true);
    // A plain name never matches another.
    expect(compileName('sessionid')('sessionid_x')).toBe(false);
  });

  it('a placeholder with no fixed part is refused like a bare *', () => {
    expect(() => compileName('_<id>')).not.toThrow();
    expect(() => compileName(' *')).toThrow(/would match every cookie/);
  });
});
