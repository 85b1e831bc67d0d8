// The root route: Lockstep's middleware (one refresh per request, before any loader), the page frame and navigation.
import type { Lockstep } from '@lockstep/core';
import { STYLES } from '@lockstep/demo-kit/styles';
import { getAuth, lockstepMiddleware } from '@lockstep/remix';
import type { ReactNode } from 'react';
import { Form, Links, Link, Meta, Outlet, Scripts, useLoaderData, type LoaderFunctionArgs, type MiddlewareFunction } from 'react-router';
import { demoContext } from './demo-context.js';

// One middleware per instance: the instance comes from the server through the context.
const middlewares = new WeakMap<Lockstep, MiddlewareFunction<Response>>();

export const middleware: MiddlewareFunction<Response>[] = [
  (args, next) => {
    const { lockstep } = args.context.get(demoContext);
    let handler = middlewares.get(lockstep);
    if (handler === undefined) {
      handler = lockstepMiddleware(lockstep);
      middlewares.set(lockstep, handler);
    }
    return handler(args, next);
  },
];

export function loader({ context }: LoaderFunctionArgs) {
  const { user } = getAuth(context);
  return { email: user === null ? null : (user.email ?? user.id) };
}

export function Layout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Lockstep · React Router demo</title>
        <Meta />
        <Links />
        <style dangerouslySetInnerHTML={{ __html: STYLES }} />
      </head>
      <body>
        {children}
        <Scripts />
      </body>
    </html>
  );
}

export default function Root() {
  const { email } = useLoaderData<typeof loader>();
  return (
    <>
      <header>
        <Link className="brand" to="/">
          Lockstep <span>·</span> React Router demo
        </Link>
        <nav>
          <Link to="/dashboard">Dashboard</Link>
          <Link to="/dashboard/settings">Settings</Link>
          <Link to="/settings/security">Security</Link>
          <Link to="/admin">Admin</Link>
          <a href="/api/me">/api/me</a>
        </nav>
        {email === null ? (
          <Link to="/login">Sign in</Link>
        ) : (
          <>
            <span className="muted" data-testid="header-user">
              {email}
            </span>
            <Form method="post" action="/logout">
              <button className="quiet" type="submit">
                Sign out
              </button>
            </Form>
          </>
        )}
      </header>
      <main>
        <Outlet />
      </main>
    </>
  );
}
