import { GIF, serve } from './serve';

// A page shaped like a real portal's home page, for the benchmark and the comparison of the two
// recording modes: 41 requests served with 20–50 ms of latency (stylesheets, scripts, images, an
// API call), a 200 KB script, 6 cookies (two from the document's headers, one from an API
// response, one from a script, one from a third party's pixel, one from its frame).

const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
/** 20–50 ms, the same for a path on every run, so two runs see the same page. */
const latency = (path: string): number => 20 + ([...path].reduce((n, ch) => n + ch.charCodeAt(0), 0) % 31);

const BIG_SCRIPT = `/* a portal's application bundle */\n${'var a=1;'.repeat(25_000)}\ndocument.cookie = '_pk_id.1.f00d=visitor; path=/; max-age=34128000';\n`;

export async function startRealisticPortal(host = '127.0.0.1', thirdHost = '127.0.0.2'): Promise<{ url: string; close: () => Promise<void> }> {
  const third = await serve(thirdHost, {
    '/pixel.gif': async () => (await wait(35), { type: 'image/gif', body: GIF, cookies: ['tp_uid=42; Path=/; Max-Age=31536000; SameSite=None; Secure'] }),
    '/widget': async () => (await wait(30), { body: '<!doctype html><p>widget</p>', cookies: ['tp_widget=1; Path=/; SameSite=None; Secure'] }),
  });
  let documents = 0;
  const css = Array.from({ length: 8 }, (_, i) => `/css/s${i}.css`);
  const js = Array.from({ length: 12 }, (_, i) => `/js/m${i}.js`);
  const img = Array.from({ length: 15 }, (_, i) => `/img/i${i}.gif`);
  const page = `<!doctype html><html><head><meta charset="utf-8"><title>Open data portal</title>
${css.map((h) => `<link rel="stylesheet" href="${h}">`).join('\n')}
</head><body><h1>Open data portal</h1>
${img.map((s) => `<img src="${s}" alt="">`).join('')}
<img src="${third.origin}/pixel.gif" alt=""><iframe src="${third.origin}/widget"></iframe>
${js.map((s) => `<script src="${s}"></script>`).join('\n')}
<script src="/js/app.js"></script>
<script>fetch('/api/config').then((r) => r.text());</script>
</body></html>`;
  const routes: Parameters<typeof serve>[1] = {
    // A token that changes with each document, as a portal's would after a login or a rotation.
    '/': async () => (await wait(latency('/')), { body: page, cookies: ['sessionid=s; Path=/; HttpOnly; SameSite=Lax', `csrftoken=t${++documents}; Path=/; Max-Age=31449600`] }),
    '/js/app.js': async () => (await wait(45), { type: 'text/javascript', body: BIG_SCRIPT }),
    '/api/config': async () => (await wait(latency('/api/config')), { type: 'application/json', body: '{"theme":"light"}', cookies: ['ods_pref=light; Path=/; Max-Age=86400'] }),
  };
  for (const p of css) routes[p] = async () => (await wait(latency(p)), { type: 'text/css', body: 'h1{font-weight:600}' });
  for (const p of js) routes[p] = async () => (await wait(latency(p)), { type: 'text/javascript', body: `window.m${p.length}=1;` });
  for (const p of img) routes[p] = async () => (await wait(latency(p)), { type: 'image/gif', body: GIF });
  const site = await serve(host, routes);
  return {
    url: `${site.origin}/`,
    close: async () => {
      await Promise.all([site.close(), third.close()]);
    },
  };
}
