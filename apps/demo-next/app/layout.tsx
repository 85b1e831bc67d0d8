// The frame of every page. It reads no session: layouts are kept across client-side navigations,
// so who is signed in is shown by the pages themselves.
import { STYLES } from '@lockstep/demo-kit/styles';
import type { ReactNode } from 'react';
import Link from 'next/link';

export const metadata = { title: 'Lockstep · Next.js demo' };

export default function RootLayout({ children }: { readonly children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        {/* The demos' shared stylesheet, inline: a constant of ours, not user input. */}
        <style dangerouslySetInnerHTML={{ __html: STYLES }} />
      </head>
      <body>
        <header>
          <Link className="brand" href="/">Lockstep <span>·</span> Next.js demo</Link>
          <nav>
            <Link href="/dashboard">Dashboard</Link>
            <Link href="/dashboard/settings">Settings</Link>
            <Link href="/settings/security">Security</Link>
            <Link href="/admin">Admin</Link>
            <a href="/api/me">/api/me</a>
            <a href="/print">Print view</a>
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
