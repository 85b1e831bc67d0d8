// The root route: Lockstep's middleware runs before every loader and action.
import type { ReactNode } from 'react';
import { Links, Meta, Outlet, Scripts } from 'react-router';
import { lockstepMiddleware } from '@lockstep/remix';

export const middleware = [
  lockstepMiddleware({
    supabaseUrl: process.env.SUPABASE_URL!,
    supabaseKey: process.env.SUPABASE_ANON_KEY!,
    routes: [
      { match: ['/api/health', '/auth/sign-in'], access: 'public' },
      { match: '/login', access: 'authPage' },
    ], // everything else is protected (deny by default)
  }),
];

export function Layout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}
