// The sign-in form: email and password, the return-to target carried along, and the last error if any.
import { html } from 'hono/html';
import { layout, type Html } from './layout.js';

/** What the login form needs to render. */
export interface LoginPageProps {
  /** The return-to target from `?next=`; the core validates it on sign-in. */
  readonly next: string | null;
  readonly email?: string;
  readonly error?: string;
  /** Shown in mock mode so a newcomer can sign in without reading the console. */
  readonly demoUser?: { readonly email: string; readonly password: string };
}

/** Renders `/login`. */
export function loginPage(props: LoginPageProps): Html {
  const { demoUser } = props;
  return layout(
    'Sign in',
    null,
    html`<h1>Sign in</h1>
      ${props.error === undefined ? '' : html`<p class="error" role="alert" data-testid="login-error">${props.error}</p>`}
      <form class="stack card" method="post" action="/login">
        <input type="hidden" name="next" value="${props.next ?? ''}" />
        <label>Email <input name="email" type="email" autocomplete="username" required value="${props.email ?? demoUser?.email ?? ''}" /></label>
        <label>Password <input name="password" type="password" autocomplete="current-password" required /></label>
        <button type="submit">Sign in</button>
      </form>
      <form class="stack card" method="post" action="/login/magic-link">
        <input type="hidden" name="next" value="${props.next ?? ''}" />
        <label>Or get a sign-in link <input name="email" type="email" required value="${props.email ?? demoUser?.email ?? ''}" /></label>
        <button class="quiet" type="submit">Email me a magic link</button>
      </form>
      ${demoUser === undefined
        ? ''
        : html`<p class="muted">Embedded mock auth server: sign in as <code>${demoUser.email}</code> with password
            <code>${demoUser.password}</code>.</p>`}`,
  );
}

/** Human words for the core's sign-in rejection reasons (GoTrue error codes). */
export function describeRejection(reason: string): string {
  switch (reason) {
    case 'invalid_credentials':
      return 'Wrong email or password.';
    case 'email_not_confirmed':
      return 'Please confirm your email address first.';
    case 'user_banned':
      return 'This account is blocked.';
    default:
      return `Sign-in was refused (${reason}).`;
  }
}
