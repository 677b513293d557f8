import { serve, type Served } from '../demo/serve';

// Pages the benchmark loads: cookies set by response headers and by scripts, in numbers a busy
// portal never reaches, so the cost of recording them shows.

function page(title: string, scriptCookies: number): string {
  // The script times its own writes, so the cost of the instrumented setter is measured apart
  // from the rest of the load.
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>
<script>
  const t0 = performance.now();
  for (let i = 0; i < ${scriptCookies}; i++) document.cookie = 'bench_s' + i + '=' + i + '; path=/; max-age=600';
  window.__writeMs = performance.now() - t0;
</script></body></html>`;
}

/** A page whose script writes `n` localStorage keys, timed alone; it starts from an empty storage, untimed. */
function storagePage(n: number): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>storage writes</title></head><body><h1>${n} localStorage writes</h1>
<script>
  localStorage.clear();
  const t0 = performance.now();
  for (let i = 0; i < ${n}; i++) localStorage.setItem('bench_k' + i, String(i));
  window.__writeMs = performance.now() - t0;
</script></body></html>`;
}

export async function startBenchPages(): Promise<Served> {
  return serve('127.0.0.1', {
    '/mixed': () => ({
      body: page('200 header and 200 script cookies', 200),
      cookies: Array.from({ length: 200 }, (_, i) => `bench_h${i}=${i}; Path=/; Max-Age=600`),
    }),
    '/scripts': () => ({ body: page('1,000 script cookies', 1000) }),
    '/none': () => ({ body: page('no cookies', 0) }),
    '/storage': () => ({ body: storagePage(1000) }),
    // A portal of linked pages for the crawl: each sets a cookie and links to the next three.
    '/site': (url) => {
      const n = Number(url.searchParams.get('p') ?? 0);
      const links = [1, 2, 3].map((k) => `<a href="/site?p=${n + k}">page ${n + k}</a>`).join(' ');
      return { body: page(`page ${n}`, 1).replace('</body>', `${links}</body>`), cookies: [`page_${n}=1; Path=/; Max-Age=600`] };
    },
  });
}
