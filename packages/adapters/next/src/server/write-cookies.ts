// Applies a cookie plan through `cookies()`: the only way a Server Action can set cookies.
import type { CookieWrite } from '@lockstep/core/cookies';
import { cookies } from 'next/headers';

/** Writes each cookie (deletions are `Max-Age=0` writes). Only valid in Server Actions and Route Handlers. */
export async function writeCookies(writes: readonly CookieWrite[]): Promise<void> {
  const store = await cookies();
  for (const { name, value, attributes } of writes) {
    store.set(name, value, {
      path: attributes.path,
      ...(attributes.domain === undefined ? {} : { domain: attributes.domain }),
      sameSite: attributes.sameSite,
      secure: attributes.secure,
      httpOnly: attributes.httpOnly,
      maxAge: attributes.maxAge,
    });
  }
}
