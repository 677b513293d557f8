import { ArgError, parseArgs } from '../../src/cli/args';

describe('CLI arguments', () => {
  it('reads a URL and the options', () => {
    expect(parseArgs(['https://data.example.org', '--format', 'json', '--show-values', '--out', 'r.json', '--timeout', '5'])).toEqual({
      url: 'https://data.example.org/', demo: false, format: 'json', showValues: true, out: 'r.json', timeoutMs: 5000, help: false,
    });
  });
  it('takes a consent selector', () => {
    expect(parseArgs(['https://a.fr', '--consent', 'button#accept-all']).consent).toBe('button#accept-all');
    expect(() => parseArgs(['https://a.fr', '--consent'])).toThrow(/--consent needs a value/);
  });
  it.each([
    [['ftp://example.org/'], /Only http and https/],
    [['javascript:alert(1)'], /Only http and https/],
    [['example.org'], /not a URL/],
    [[], /Give a URL/],
    [['--format', 'xml', 'https://a.fr'], /text or json/],
    [['--out'], /needs a value/],
    [['--demo', 'https://a.fr'], /not both/],
    [['--frobnicate'], /Unknown option/],
  ])('rejects %j with a clear message', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(ArgError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
});
