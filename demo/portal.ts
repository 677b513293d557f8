import { randomBytes } from 'node:crypto';
import { GIF, serve, type Served } from './serve';

// A local stand-in for an Opendatasoft portal: Django's session, CSRF and language cookies, a
// Matomo-style analytics script the policy does not declare, and a third-party pixel from
// another site (127.0.0.2 is a different site from 127.0.0.1, no certificates needed).

const token = (n: number): string => randomBytes(n).toString('hex');
const YEAR = 365 * 86_400;

function page(title: string, body: string, trackerOrigin: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} — Demo open data portal</title>
<style>body{font-family:sans-serif;margin:0}header{background:#14213d;color:#fff;padding:12px 20px}main{padding:20px}
footer{padding:12px 20px;border-top:1px solid #ddd;font-size:13px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px}</style>
</head><body><header><strong>Demo open data portal</strong> · <a style="color:#fff" href="/explore/">Datasets</a></header>
<main>${body}</main>
<img src="${trackerOrigin}/pixel.gif" alt="" width="1" height="1">
<script src="/static/analytics.js"></script>
<footer><a href="/terms/cookies-policy/">Cookies policy</a></footer></body></html>`;
}

const POLICY = `<h1>Cookies policy</h1>
<h2>Cookies necessary for the platform to function properly</h2>
<table><thead><tr><th>Service provider's name</th><th>Function and location</th><th>Cookie name(s)</th><th>Purposes</th></tr></thead><tbody>
<tr><td>Opendatasoft</td><td>Authentication (front and back office)</td><td>sessionid</td><td>To remember the user from one page to another</td></tr>
<tr><td>Opendatasoft</td><td>Language selection (front and back office)</td><td>django_language</td><td>To remember the visitor's language</td></tr>
<tr><td>Opendatasoft</td><td>API (CSRF) (front and back office)</td><td>csrftoken</td><td>To retrieve data via API calls</td></tr>
<tr><td>Opendatasoft</td><td>Choices related to your cookie preferences</td><td>cookies_preferences</td><td>To remember the visitor's cookie preferences</td></tr>
</tbody></table>`;

const ANALYTICS = `(function () {
  var id = Math.random().toString(16).slice(2, 18);
  var now = Math.floor(Date.now() / 1000);
  document.cookie = '_pk_id.1.d3f0=' + id + '.' + now + '; path=/; max-age=' + (395 * 86400) + '; SameSite=Lax';
  document.cookie = '_pk_ses.1.d3f0=1; path=/; max-age=1800; SameSite=Lax';
})();`;

export interface DemoPortal {
  url: string;
  trackerOrigin: string;
  close: () => Promise<void>;
}

export async function startDemoPortal(opts: { host?: string; trackerHost?: string } = {}): Promise<DemoPortal> {
  const tracker: Served = await serve(opts.trackerHost ?? '127.0.0.2', {
    '/pixel.gif': () => ({
      type: 'image/gif',
      body: GIF,
      cookies: [`_tracker_uid=${token(8)}; Path=/; Max-Age=${2 * YEAR}; SameSite=None; Secure`],
    }),
  });
  const portal = await serve(opts.host ?? '127.0.0.1', {
    '/': () => ({
      body: page('Home', '<h1>Explore open data</h1><p>1,204 datasets from public bodies.</p>', tracker.origin),
      cookies: [
        `sessionid=${token(16)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${14 * 86_400}`,
        `csrftoken=${token(16)}; Path=/; SameSite=Lax; Max-Age=${YEAR}`,
        `django_language=en; Path=/; SameSite=Lax; Max-Age=${YEAR}`,
      ],
    }),
    '/explore/': () => ({ body: page('Datasets', '<h1>Datasets</h1><ul><li>Energy production</li></ul>', tracker.origin) }),
    '/terms/cookies-policy/': () => ({ body: page('Cookies policy', POLICY, tracker.origin) }),
    '/static/analytics.js': () => ({ type: 'text/javascript', body: ANALYTICS }),
  });
  return {
    url: portal.origin + '/',
    trackerOrigin: tracker.origin,
    close: async () => {
      await Promise.all([portal.close(), tracker.close()]);
    },
  };
}
