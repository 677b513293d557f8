import { CrawlQueue, crawlDecision, crawlTarget, firstVisits } from '../../../../src/core/evidence/crawl';

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

describe('the page on which each cookie first appeared', () => {
  // Tab 0 showed the start page, then /b from t=200; tab 1 showed /a from t=100, then /deep from t=300.
  const visits = [
    { tab: 0, from: -Infinity }, // 0: the start page
    { tab: 1, from: 100 }, // 1: /a
    { tab: 0, from: 200 }, // 2: /b
    { tab: 1, from: 300 }, // 3: /deep
  ];
  const seen = (entries: Array<[number, Array<[string, number]>]>) => new Map(entries.map(([tab, c]) => [tab, new Map(c)]));

  it('is the page the tab showed when its audit first saw the cookie', () => {
    const first = firstVisits(visits, seen([[0, [['start', 50], ['b', 250]]], [1, [['a', 120], ['deep', 310]]]]));
    expect(Object.fromEntries(first)).toEqual({ start: 0, b: 2, a: 1, deep: 3 });
  });

  it('is the earliest across tabs: a cookie another tab later finds in the jar stays with the page that set it', () => {
    // Tab 0 on /b finds deep at 320, after tab 1's /deep wrote it at 310; tab 1 finds start when its audit begins.
    const first = firstVisits(visits, seen([[0, [['start', 50], ['deep', 320]]], [1, [['start', 101], ['deep', 310]]]]));
    expect(first.get('deep')).toBe(3);
    expect(first.get('start')).toBe(0);
  });

  it('breaks a tie by the earlier visit, whichever tab reports first', () => {
    const a = firstVisits(visits, seen([[1, [['both', 350]]], [0, [['both', 350]]]]));
    const b = firstVisits(visits, seen([[0, [['both', 350]]], [1, [['both', 350]]]]));
    expect([a.get('both'), b.get('both')]).toEqual([2, 2]);
  });

  it('gives a cookie seen before a tab asked for its first page to that first page, and ignores tabs with no visit', () => {
    const first = firstVisits(visits, seen([[1, [['early', 90]]], [7, [['ghost', 1]]]]));
    expect(Object.fromEntries(first)).toEqual({ early: 1 });
  });
});
