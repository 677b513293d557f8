import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A tiny HTTP server for the demo portal and the test fixtures: no framework, one handler per path.

export interface Reply {
  status?: number;
  type?: string;
  body?: string | Buffer;
  cookies?: string[];
  headers?: Record<string, string>;
}

export type Route = (url: URL, req: http.IncomingMessage) => Reply | Promise<Reply>;

export interface Served {
  origin: string;
  close: () => Promise<void>;
}

export async function serve(host: string, routes: Record<string, Route>, port = 0): Promise<Served> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? host}`);
    const route = routes[url.pathname];
    const done = (r: Reply): void => {
      const headers: http.OutgoingHttpHeaders = {
        'content-type': r.type ?? 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        ...r.headers,
      };
      if (r.cookies && r.cookies.length > 0) headers['set-cookie'] = r.cookies;
      res.writeHead(r.status ?? 200, headers);
      res.end(r.body ?? '');
    };
    if (!route) return done({ status: 404, type: 'text/plain', body: 'not found' });
    Promise.resolve(route(url, req)).then(done, (e: unknown) => done({ status: 500, type: 'text/plain', body: String(e) }));
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
