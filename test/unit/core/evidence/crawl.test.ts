import { CrawlQueue, crawlDecision, crawlTarget } from '../../../../src/core/evidence/crawl';

describe('crawl links', () => {
  it('follows same-site pages only, never logout links or files', () => {
    expect(crawlTarget('https://data.portal.fr/explore/#top', 'portal.fr')).toBe('https://data.portal.fr/explore/');
    expect(crawlTarget('https://www.portal.fr/a', 'portal.fr')).toBe('https://www.portal.fr/a');
    expect(crawlTarget('https://other.fr/a', 'portal.fr')).toBeNull();
    expect(crawlTarget('https://data.portal.fr/logout', 'portal.fr')).toBeNull();
    expect(crawlTarget('https://data.portal.fr/account/sign-out?next=/', 'portal.fr')).toBeNull();
    expect(crawlTarget('https://data.portal.fr/export.CSV', 'portal.fr')).toBeNull();
    expect(crawlTarget('mailto:a@portal.fr', 'portal.fr')).toBeNull();
    expect(crawlTarget('javascript:void(0)', 'portal.fr')).toBeNull();
  });
  it('visits breadth first, once each, up to the limit', () => {
    const q = new CrawlQueue('portal.fr', 3);
    q.add(['https://portal.fr/']);
    expect(q.next()).toBe('https://portal.fr/');
    q.add(['https://portal.fr/a', 'https://portal.fr/', 'https://portal.fr/a#x', 'https://portal.fr/b', 'https://portal.fr/c']);
    expect([q.next(), q.next(), q.next()]).toEqual(['https://portal.fr/a', 'https://portal.fr/b', undefined]);
  });
  it('never queues the pages already visited, which count toward the limit', () => {
    const q = new CrawlQueue('portal.fr', 3);
    q.visited(['https://portal.fr/', 'https://www.portal.fr/home#top']);
    q.add(['https://portal.fr/', 'https://www.portal.fr/home', 'https://portal.fr/a', 'https://portal.fr/b']);
    expect([q.next(), q.next()]).toEqual(['https://portal.fr/a', undefined]);
  });
});

describe('a crawl never gives consent nor changes state', () => {
  const site = 'portal.fr';
  it.each([
    ['https://portal.fr/?cookies=accept', ''],
    ['https://portal.fr/consent/accept', ''],
    ['https://portal.fr/accept-all-cookies', ''],
    ['https://portal.fr/page', 'Accept all'],
    ['https://portal.fr/page', 'Tout accepter'],
    ['https://portal.fr/page', 'Continuer sans accepter'],
    ['https://portal.fr/page', 'Alle akzeptieren'],
    ['https://portal.fr/page', 'Rechazar'],
    ['https://portal.fr/page', 'Refuse all'],
    ['https://portal.fr/#', ''],
  ])('skips %s "%s" as consent', (href, text) => {
    const inConsentUi = href.endsWith('#');
    expect(crawlDecision({ href, text, inConsentUi }, site)).toEqual({ skip: 'consent' });
  });
  it('skips logout and delete links as changing state, and says so once per link', () => {
    const q = new CrawlQueue(site, 10);
    q.add([{ href: 'https://portal.fr/logout', text: 'Log out' }, { href: 'https://portal.fr/logout', text: 'Log out' }, { href: 'https://portal.fr/a', text: 'Datasets' }]);
    expect(q.skipped).toEqual([{ url: 'https://portal.fr/logout', text: 'Log out', reason: 'changes-state' }]);
    expect(q.next()).toBe('https://portal.fr/a');
  });
  it('follows ordinary content links whatever their words, and visits the policy page first', () => {
    expect(crawlDecision({ href: 'https://portal.fr/explore/dataset/accidents', text: 'Road accidents' }, site)).toEqual({ url: 'https://portal.fr/explore/dataset/accidents' });
    const q = new CrawlQueue(site, 10);
    q.add([{ href: 'https://portal.fr/a', text: 'A' }, { href: 'https://portal.fr/terms/cookies-policy/', text: 'Cookies policy' }]);
    expect([q.next(), q.next()]).toEqual(['https://portal.fr/terms/cookies-policy/', 'https://portal.fr/a']);
  });
});
