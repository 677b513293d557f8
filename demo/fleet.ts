import { serve, type Served } from './serve';

// A fleet of portals for the fleet tests and `npm run bench`, each on a host of its own (127.0.0.20 and up): clean ones, ones with an
// undeclared tracker, slow ones, and the kinds of failure a sweep meets: a site that never answers,
// one that redirects forever, one that serves bytes instead of a page.

export type PortalKind = 'clean' | 'tracker' | 'slow' | 'hang' | 'redirect-loop' | 'garbage';

export interface Fleet {
  urls: string[];
  kinds: PortalKind[];
  /** Requests each portal received, by URL in `urls`. */
  hits: Map<string, number>;
  close: () => Promise<void>;
}

const page = (body: string): string => `<!doctype html><html><head><meta charset="utf-8"><title>portal</title></head><body>${body}</body></html>`;

export async function startFleet(kinds: readonly PortalKind[], firstHost = 20): Promise<Fleet> {
  const served: Served[] = [];
  const hits = new Map<string, number>();
  const urls: string[] = [];
  for (const [i, kind] of kinds.entries()) {
    let url = '';
    const count = (): void => {
      hits.set(url, (hits.get(url) ?? 0) + 1);
    };
    const s = await serve(`127.0.0.${firstHost + i}`, {
      '/': async () => {
        count();
        switch (kind) {
          case 'hang':
            return new Promise(() => undefined);
          case 'redirect-loop':
            return { status: 302, headers: { location: '/' } };
          case 'garbage':
            return { type: 'application/octet-stream', body: Buffer.from(Array.from({ length: 4096 }, (_, k) => (k * 7919) % 256)) };
          case 'slow':
            await new Promise((r) => setTimeout(r, 1500));
            break;
          default:
        }
        const tracker = kind === 'tracker' ? `<script>document.cookie = '_pk_id.1.f1ee=${i}; path=/; max-age=3600';</script>` : '';
        return { body: page(`<h1>Portal ${i}</h1>${tracker}`), cookies: ['sessionid=s; Path=/; HttpOnly', 'csrftoken=c; Path=/'] };
      },
    });
    url = `${s.origin}/`;
    urls.push(url);
    served.push(s);
  }
  return { urls, kinds: [...kinds], hits, close: async () => void (await Promise.all(served.map((s) => s.close()))) };
}
