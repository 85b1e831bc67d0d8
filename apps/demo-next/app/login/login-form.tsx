// The sign-in form: a plain form post to the Route Handler /login/password, which redirects on
// success and back here with `?failed=` otherwise (it works without JavaScript too).
export function LoginForm({ next, failed }: { readonly next: string; readonly failed: string | null }) {
  return (
    <form className="stack" method="post" action="/login/password" data-testid="login-form">
      <input type="hidden" name="next" value={next} />
      <label>
        Email <input name="email" type="email" autoComplete="username" required />
      </label>
      <label>
        Password <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <button type="submit">Sign in</button>
      {failed === null ? null : <p className="error" role="alert" data-testid="login-error">{failedMessage(failed)}</p>}
    </form>
  );
}

function failedMessage(failed: string): string {
  return failed === 'unavailable' ? 'The auth server is unavailable; try again.' : `Wrong email or password (${failed}).`;
}
