import { parseUrlList, shardOf, siteFileName, sitemapLocations } from '../../../src/cli/fleet/url-list';

describe('URL lists', () => {
  it('one URL per line; blank lines, comments and repeats dropped; a bad line named', () => {
    expect(parseUrlList('\ufeff# portals\n\nhttps://a.fr/  # first\nhttps://b.fr\r\nhttps://a.fr/\n', 'l.txt')).toEqual(['https://a.fr/', 'https://b.fr/']);
    expect(() => parseUrlList('https://a.fr\nftp://x\n', 'l.txt')).toThrow(/l\.txt, line 2: Only http and https/);
    expect(() => parseUrlList('# none\n', 'l.txt')).toThrow('l.txt holds no URL.');
  });
  it('a sitemap gives its pages, a sitemap index its sitemaps', () => {
    expect(sitemapLocations('<urlset><url><loc> https://a.fr/p?x=1&amp;y=2 </loc><lastmod>2026</lastmod></url><url><loc>https://a.fr/q</loc></url></urlset>').pages).toEqual(['https://a.fr/p?x=1&y=2', 'https://a.fr/q']);
    expect(sitemapLocations('<sitemapindex><sitemap><loc>https://a.fr/s1.xml</loc></sitemap></sitemapindex>')).toEqual({ pages: [], sitemaps: ['https://a.fr/s1.xml'] });
  });
  it('shards: stable, every URL in exactly one, all shards used on a real-sized list', () => {
    const urls = Array.from({ length: 300 }, (_, i) => `https://portal-${i}.example/`);
    const counts = [0, 0, 0];
    for (const u of urls) counts[shardOf(u, 3)]! += 1;
    expect(counts.every((c) => c > 60)).toBe(true);
    expect(shardOf(urls[0] as string, 3)).toBe(shardOf(urls[0] as string, 3));
  });
  it('report file names: the host and a hash, safe on every file system', () => {
    const a = siteFileName('https://Data.Example.org:8443/explore/?q=a/b');
    expect(a).toMatch(/^data\.example\.org_8443-[0-9a-f]{8}\.json$/);
    expect(siteFileName('https://data.example.org/a')).not.toBe(siteFileName('https://data.example.org/b'));
    expect(siteFileName('http://[::1]:80/')).toMatch(/^[a-z0-9._-]+\.json$/);
  });
});
