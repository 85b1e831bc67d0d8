// The page frame every view renders into: header, navigation, who is signed in, and the sign-out button.
import type { SessionUser } from '@lockstep/core';
import { STYLES } from '@lockstep/demo-kit/styles';
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

/** Hono's rendered-HTML value: interpolated values are escaped unless wrapped in `raw`. */
export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** Wraps a page body; `user` is whoever the request is signed in as, if anyone. */
export function layout(title: string, user: SessionUser | null, body: Html): Html {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title} · Lockstep Hono demo</title>
    <style>${raw(STYLES)}</style>
  </head>
  <body>
    <header>
      <a class="brand" href="/">Lockstep <span>·</span> Hono demo</a>
      <nav>
        <a href="/dashboard">Dashboard</a>
        <a href="/dashboard/settings">Settings</a>
        <a href="/settings/security">Security</a>
        <a href="/admin">Admin</a>
        <a href="/api/me">/api/me</a>
      </nav>
      ${user === null ? html`<a href="/login">Sign in</a>` : signOutForm(user)}
    </header>
    <main>${body}</main>
  </body>
</html>`;
}

function signOutForm(user: SessionUser): Html {
  return html`<span class="muted" data-testid="header-user">${user.email ?? user.id}</span>
    <form method="post" action="/logout"><button class="quiet" type="submit">Sign out</button></form>`;
}
