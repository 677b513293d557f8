import { ArgError, choiceWay, parseArgs } from '../../../src/cli/args';

describe('CLI arguments', () => {
  it('reads a URL and the options', () => {
    expect(parseArgs(['https://data.example.org', '--format', 'json', '--show-values', '--out', 'r.json', '--timeout', '5'])).toEqual({
      url: 'https://data.example.org/', demo: false, format: 'json', pages: 1, failOn: 'undeclared', lang: 'en', browser: 'chromium', showValues: true, out: 'r.json', timeoutMs: 5000, help: false, failOnNoChoice: false, resume: false, screenshots: true,
    });
  });
  it('takes an evidence bundle, its signing key, and the two sub-commands', () => {
    expect(parseArgs(['https://a.fr', '--evidence', 'ev', '--sign', 'k.key', '--no-screenshots'])).toMatchObject({ evidenceDir: 'ev', sign: 'k.key', screenshots: false });
    expect(parseArgs(['keygen', '--out', 'keys/audit'])).toMatchObject({ keygen: true, out: 'keys/audit' });
    expect(parseArgs(['verify', 'ev', '--key', 'k.pub'])).toMatchObject({ verify: 'ev', key: 'k.pub' });
    expect(() => parseArgs(['keygen'])).toThrow(/keygen needs --out PREFIX/);
    expect(() => parseArgs(['verify'])).toThrow(/verify needs the folder/);
    expect(() => parseArgs(['https://a.fr', '--sign', 'k.key'])).toThrow(/--sign KEY signs an evidence bundle/);
    expect(() => parseArgs(['https://a.fr', '--no-screenshots'])).toThrow(/--no-screenshots only goes with --evidence/);
    expect(() => parseArgs(['https://a.fr', '--key', 'k.pub'])).toThrow(/verify needs the folder/);
    expect(() => parseArgs(['https://a.fr', '--evidence', 'ev', '--choices', 'none,reject'])).toThrow(/does not go with --choices/);
  });
  it('reads the crawl, format and exit options', () => {
    expect(parseArgs(['https://a.fr', '--pages', '20', '--format', 'html', '--fail-on', 'high'])).toMatchObject({ pages: 20, format: 'html', failOn: 'high' });
    expect(parseArgs(['https://a.fr', '--pages', '20', '--tabs', '1']).tabs).toBe(1);
    expect(parseArgs(['https://a.fr', '--pages', '20']).tabs).toBeUndefined();
    expect(parseArgs(['--diff', 'old.json', 'new.json']).diff).toEqual(['old.json', 'new.json']);
  });
  it('takes the browser to audit in, and refuses one it does not drive', () => {
    expect(parseArgs(['https://a.example', '--browser', 'firefox']).browser).toBe('firefox');
    expect(parseArgs(['https://a.example', '--browser', 'chromium']).browser).toBe('chromium');
    expect(() => parseArgs(['https://a.example', '--browser', 'safari'])).toThrow('--browser must be one of chromium, firefox, not "safari".');
  });

  it('takes a consent selector', () => {
    expect(parseArgs(['https://a.fr', '--consent', 'button#accept-all']).consent).toBe('button#accept-all');
    expect(() => parseArgs(['https://a.fr', '--consent'])).toThrow(/--consent needs a value/);
  });
  it('takes one way to choose: accept or refuse by selector, or through the consent manager', () => {
    expect(choiceWay(parseArgs(['https://a.fr', '--consent', '#ok']))).toEqual({ kind: 'selector', selector: '#ok', choice: 'accepted' });
    expect(choiceWay(parseArgs(['https://a.fr', '--reject', '#no']))).toEqual({ kind: 'selector', selector: '#no', choice: 'refused' });
    expect(choiceWay(parseArgs(['https://a.fr', '--cmp', 'reject']))).toEqual({ kind: 'cmp', choice: 'refused' });
    expect(choiceWay(parseArgs(['https://a.fr', '--cmp', 'accept']))).toEqual({ kind: 'cmp', choice: 'accepted' });
    expect(choiceWay(parseArgs(['https://a.fr']))).toBeUndefined();
  });
  it('--choices: any subset of none,reject,accept, run in that order; each choice made by its selector, else by the consent manager', () => {
    const a = parseArgs(['https://a.fr', '--choices', 'accept,none,reject', '--reject', '#no']);
    expect(a.choices).toEqual(['none', 'reject', 'accept']);
    expect(choiceWay(a, 'none')).toBeUndefined();
    expect(choiceWay(a, 'reject')).toEqual({ kind: 'selector', selector: '#no', choice: 'refused' });
    expect(choiceWay(a, 'accept')).toEqual({ kind: 'cmp', choice: 'accepted' });
  });
  it('--fail-on takes no-choice besides its verdict word', () => {
    expect(parseArgs(['https://a.fr', '--fail-on', 'high,no-choice'])).toMatchObject({ failOn: 'high', failOnNoChoice: true });
    expect(parseArgs(['https://a.fr', '--fail-on', 'no-choice'])).toMatchObject({ failOn: 'undeclared', failOnNoChoice: true });
  });
  it('a fleet: --urls with --out-dir, --concurrency, --resume and --shard I/N counted from 0; merge takes folders first', () => {
    expect(parseArgs(['--urls', 'list.txt', '--out-dir', 'out', '--concurrency', '4', '--resume', '--shard', '2/3'])).toMatchObject({ urls: 'list.txt', outDir: 'out', concurrency: 4, resume: true, shard: { index: 2, count: 3 } });
    expect(parseArgs(['merge', 'a', 'b', '--out-dir', 'm'])).toMatchObject({ merge: ['a', 'b'], outDir: 'm' });
  });
  it.each([
    [['--urls', 'l.txt'], /--urls needs --out-dir DIR/],
    [['--urls', 'l.txt', 'https://a.fr', '--out-dir', 'o'], /either a URL or --urls/],
    [['https://a.fr', '--resume'], /--resume only goes with --urls/],
    [['https://a.fr', '--shard', '0/2'], /--shard only goes with --urls/],
    [['--urls', 'l', '--out-dir', 'o', '--shard', '3/3'], /--shard takes I\/N, I from 0 to N-1 \(got “3\/3”\)/],
    [['--urls', 'l', '--out-dir', 'o', '--shard', 'x'], /--shard takes I\/N/],
    [['--urls', 'l', '--out-dir', 'o', '--concurrency', '0'], /--concurrency takes a whole number from 1 to 64/],
    [['https://a.fr', '--cmp', 'maybe'], /--cmp takes accept or reject \(got “maybe”\)/],
    [['https://a.fr', '--choices', 'none,refuse'], /--choices takes none, reject and accept.*got “none,refuse”/],
    [['https://a.fr', '--choices', 'none,none'], /--choices takes/],
    [['https://a.fr', '--consent', '#a', '--reject', '#b'], /Give one way to choose/],
    [['https://a.fr', '--consent', '#a', '--cmp', 'accept'], /Give one way to choose/],
    [['https://a.fr', '--choices', 'none,accept', '--cmp', 'accept'], /Give one way to choose/],
    [['https://a.fr', '--fail-on', 'high,none'], /--fail-on must be undeclared, high or none, optionally with ,no-choice/],
    [['ftp://example.org/'], /Only http and https/],
    [['javascript:alert(1)'], /Only http and https/],
    [['example.org'], /not a URL/],
    [[], /Give a URL/],
    [['--format', 'xml', 'https://a.fr'], /one of text, json, csv, html, md/],
    [['https://a.fr', '--pages', '0'], /--pages must be a whole number/],
    [['https://a.fr', '--pages', '2.5'], /--pages must be a whole number/],
    [['https://a.fr', '--tabs', '0'], /--tabs must be a whole number from 1 to 16/],
    [['https://a.fr', '--tabs', '17'], /--tabs must be a whole number from 1 to 16/],
    [['https://a.fr', '--fail-on', 'low'], /--fail-on must be undeclared, high or none/],
    [['--diff', 'a.json'], /--diff needs a value/],
    [['--diff', 'a.json', 'b.json', 'https://a.fr'], /give no URL with it/],
    [['--diff', 'a.json', 'b.json', '--format', 'csv'], /--diff prints text or json/],
    [['--out'], /needs a value/],
    [['--demo', 'https://a.fr'], /not both/],
    [['--frobnicate'], /Unknown option/],
  ])('rejects %j with a clear message', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(ArgError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
});
