import type { ReactNode } from 'react';
import Link from 'next/link';

export default function RootLayout({ children }: { readonly children: ReactNode }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 720, margin: '2rem auto' }}>
        <nav>
          <Link href="/">Home</Link> · <Link href="/dashboard">Dashboard</Link> · <Link href="/dashboard/settings">Settings</Link> · <Link href="/admin">Admin</Link>
        </nav>
        <main>{children}</main>
      </body>
    </html>
  );
}
