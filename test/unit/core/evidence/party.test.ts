import { domainMatches, partyOf, siteOfHost, siteOfUrl } from '../../../../src/core/evidence/party';

describe('party', () => {
  it('finds registrable domains with the public suffix list', () => {
    expect(siteOfHost('opendata.edf.fr')).toBe('edf.fr');
    expect(siteOfHost('data.aide-developpement.gouv.fr')).toBe('aide-developpement.gouv.fr');
    expect(siteOfHost('.www.example.co.uk')).toBe('example.co.uk');
    // A private suffix: two github.io sites are different sites.
    expect(siteOfHost('alice.github.io')).not.toBe(siteOfHost('bob.github.io'));
  });
  it('uses the host itself for IP addresses and localhost', () => {
    expect(siteOfHost('127.0.0.1')).toBe('127.0.0.1');
    expect(siteOfHost('localhost')).toBe('localhost');
    expect(siteOfUrl('http://127.0.0.2:8080/x')).toBe('127.0.0.2');
  });
  it('only audits http(s) URLs', () => {
    expect(siteOfUrl('chrome://settings')).toBeNull();
    expect(siteOfUrl('not a url')).toBeNull();
  });
  it('tells first from third party by site, not by string suffix', () => {
    expect(partyOf('.edf.fr', 'edf.fr')).toBe('first');
    expect(partyOf('tracker.example', 'edf.fr')).toBe('third');
    expect(partyOf('notedf.fr', 'edf.fr')).toBe('third');
  });
  it('domain-matches like RFC 6265', () => {
    expect(domainMatches('a.example.org', '.example.org')).toBe(true);
    expect(domainMatches('example.org', 'example.org')).toBe(true);
    expect(domainMatches('badexample.org', 'example.org')).toBe(false);
  });
});
