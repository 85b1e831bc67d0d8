// A tiny app as many Supabase users write one: @supabase/ssr on every request, no shared refresh.
// The fixtures must sign it in with its own cookie format; its N refreshes for N tabs are what
// "exactly one refresh" is there to catch.
import { createServerClient, parseCookieHeader, serializeCookieHeader } from '@supabase/ssr';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SsrApp {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves `/dashboard` (the user's email, or a redirect to `/login`) on a free loopback port. */
export async function startSsrApp(supabaseUrl: string, supabaseKey: string): Promise<SsrApp> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      const setCookies: string[] = [];
      const supabase = createServerClient(supabaseUrl, supabaseKey, {
        cookies: {
          getAll: () => parseCookieHeader(req.headers.cookie ?? '').map(({ name, value }) => ({ name, value: value ?? '' })),
          setAll: (cookies) => {
            for (const { name, value, options } of cookies) setCookies.push(serializeCookieHeader(name, value, options));
          },
        },
      });
      const { data } = await supabase.auth.getUser();
      if (setCookies.length > 0) res.setHeader('set-cookie', setCookies);
      if (req.url === '/dashboard' && data.user !== null) {
        res.writeHead(200, { 'content-type': 'text/html' }).end(`<p data-testid="email">${data.user.email ?? ''}</p>`);
      } else if (req.url === '/login') {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<p>sign in</p>');
      } else {
        res.writeHead(302, { location: '/login' }).end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${String(port)}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
