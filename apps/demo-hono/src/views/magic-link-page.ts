// The page after a magic link was requested: "check your email", or with the mock, the link itself.
import { html } from 'hono/html';
import { layout, type Html } from './layout.js';

/** Renders the confirmation; `link` is only known with the embedded mock, which sends no email. */
export function magicLinkSentPage(email: string, link: string | null): Html {
  return layout(
    'Check your email',
    null,
    html`<h1>Check your email</h1>
      <div class="card">
        <p>A sign-in link is on its way to <strong>${email}</strong>.</p>
        ${link === null
          ? ''
          : html`<p class="muted">The embedded mock auth server sends no email; this is the link it would have sent.
              It leads through <code>/auth/callback</code>, which exchanges the code for a session.</p>
              <p><a data-testid="magic-link" href="${link}">Open the magic link</a></p>`}
      </div>`,
  );
}
