// The seeds' recipe in Hono terms: @supabase/ssr's createServerClient + getClaims()/getUser() in a middleware.
//
// A faithful port of the official Next.js `updateSession` (supabase-ssr-notes §5) and of the Hono
// example in the @supabase/ssr docs: a new server client per request, cookies read from the request
// header, `setAll` writing every cookie and the cache headers onto the response through the context
// (so they reach every response built with `c.json`/`c.redirect`, including redirects — Hono keeps
// them, unlike Next's `NextResponse.redirect`), nothing between `createServerClient` and the awaited
// auth call, and a redirect to the login page (401 JSON for APIs) when there is no user.
import { createServerClient, parseCookieHeader, type CookieOptions } from '@supabase/ssr';
import type { Context, MiddlewareHandler } from 'hono';
import { setCookie } from 'hono/cookie';
import type { CookieOptions as HonoCookieOptions } from 'hono/utils/cookie';

/** Which auth call the middleware awaits: the current template uses `getClaims()`, older copies `getUser()`. */
export type RecipeCheck = 'getClaims' | 'getUser';

/** The recipe's variables on the Hono context. */
export interface RecipeEnv {
  Variables: { recipeUserId: string | null };
}

/** Settings of the recipe middleware. */
export interface RecipeOptions {
  readonly supabaseUrl: string;
  readonly supabaseKey: string;
  readonly check: RecipeCheck;
  /** Injected `fetch` (e.g. the simulation's virtual network); the real one by default. */
  readonly fetch?: typeof fetch;
  /** Paths that need no user (the template exempts `/`, `/login` and `/auth…`). */
  readonly isPublic?: (path: string) => boolean;
}

/**
 * The recipe middleware.
 *
 * @example
 * app.use('*', supabaseRecipe({ supabaseUrl, supabaseKey, check: 'getClaims' }));
 */
export function supabaseRecipe(options: RecipeOptions): MiddlewareHandler<RecipeEnv> {
  const isPublic = options.isPublic ?? ((path: string) => path === '/' || path.startsWith('/login') || path.startsWith('/auth'));
  return async (c, next) => {
    const supabase = createServerClient(options.supabaseUrl, options.supabaseKey, {
      ...(options.fetch === undefined ? {} : { global: { fetch: options.fetch } }),
      cookies: {
        getAll: () => parseCookieHeader(c.req.header('Cookie') ?? '').map(({ name, value }) => ({ name, value: value ?? '' })),
        setAll: (cookies, headers) => {
          for (const { name, value, options: cookieOptions } of cookies) setCookie(c, name, value, toHonoCookieOptions(cookieOptions));
          // The cache headers (@supabase/ssr ≥ 0.10): `c.header` in Hono, as the docs say.
          for (const [header, headerValue] of Object.entries(headers)) c.header(header, headerValue);
        },
      },
    });
    // Do not run code between createServerClient and the auth call (the template's warning).
    const userId = options.check === 'getClaims' ? await claimsSubject(supabase) : await userIdOf(supabase);
    c.set('recipeUserId', userId);
    if (userId === null && !isPublic(c.req.path)) return deny(c);
    await next();
  };
}

type ServerClient = ReturnType<typeof createServerClient>;

async function claimsSubject(supabase: ServerClient): Promise<string | null> {
  const { data } = await supabase.auth.getClaims();
  const sub = data?.claims?.sub;
  return typeof sub === 'string' ? sub : null;
}

async function userIdOf(supabase: ServerClient): Promise<string | null> {
  const { data } = await supabase.auth.getUser();
  return data.user?.id ?? null;
}

function deny(c: Context<RecipeEnv>): Response {
  const wantsJson = c.req.path.startsWith('/api/') || (c.req.header('accept') ?? '').includes('application/json');
  return wantsJson ? c.json({ error: 'unauthorized' }, 401) : c.redirect('/login', 302);
}

/** @supabase/ssr hands `cookie`-package options to `setAll`; Hono's `setCookie` takes its own shape. */
function toHonoCookieOptions(options: CookieOptions): HonoCookieOptions {
  const sameSite = typeof options.sameSite === 'string' ? options.sameSite : options.sameSite === true ? 'strict' : undefined;
  return {
    ...(options.path === undefined ? {} : { path: options.path }),
    ...(options.domain === undefined ? {} : { domain: options.domain }),
    ...(options.maxAge === undefined ? {} : { maxAge: options.maxAge }),
    ...(options.expires === undefined ? {} : { expires: options.expires }),
    ...(options.httpOnly === undefined ? {} : { httpOnly: options.httpOnly }),
    ...(options.secure === undefined ? {} : { secure: options.secure }),
    ...(sameSite === undefined ? {} : { sameSite }),
  } as HonoCookieOptions;
}
