import { createHash } from 'node:crypto';
import { LocalizedError } from '../../core/text/i18n';
import { checkUrl } from '../args';

// The sites of a fleet audit: a file of URLs (one per line, blank lines and # comments ignored) or
// the pages of a sitemap; which of them a shard takes; the file each site's report is saved as.

export class UrlListError extends LocalizedError {}

/** A list's URLs in order, each checked, duplicates dropped (each site is audited once). */
export function parseUrlList(text: string, name: string): string[] {
  const urls: string[] = [];
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) return;
    try {
      urls.push(checkUrl(line));
    } catch (e) {
      throw new UrlListError('fleet_bad_line', name, i + 1, e instanceof Error ? e.message : String(e));
    }
  });
  const unique = [...new Set(urls)];
  if (unique.length === 0) throw new UrlListError('fleet_empty_list', name);
  return unique;
}

/** The `<loc>` addresses of a sitemap (or of a sitemap index: the sitemaps it lists). */
export function sitemapLocations(xml: string): { pages: string[]; sitemaps: string[] } {
  const locs = (tag: string): string[] =>
    [...xml.matchAll(new RegExp(`<${tag}\\b[^>]*>[\\s\\S]*?<loc>\\s*([^<\\s]+)\\s*</loc>`, 'g'))].map((m) =>
      (m[1] as string).replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'"),
    );
  return { pages: locs('url'), sitemaps: locs('sitemap') };
}

/** The share of the list a URL falls in: a stable hash, the same on every machine and run. */
export function shardOf(url: string, count: number): number {
  return createHash('sha256').update(url).digest().readUInt32BE(0) % count;
}

export function listDigest(urls: readonly string[]): string {
  return createHash('sha256').update(urls.join('\n')).digest('hex');
}

/** A report's file name for a URL: its host, and a short hash so that two pages of one host differ. Safe on every file system. */
export function siteFileName(url: string): string {
  const u = new URL(url);
  const host = `${u.hostname}${u.port ? `_${u.port}` : ''}`.toLowerCase().replace(/[^a-z0-9.-]/g, '_').replace(/^\.+/, '').slice(0, 80);
  return `${host || 'site'}-${createHash('sha256').update(url).digest('hex').slice(0, 8)}.json`;
}
