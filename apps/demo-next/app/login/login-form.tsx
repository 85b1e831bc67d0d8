'use client';
// The sign-in form: a Server Action that redirects on success and returns the error otherwise.
import { useActionState } from 'react';
import { signIn } from '../../lib/actions';

export function LoginForm({ next }: { readonly next: string }) {
  const [error, action, pending] = useActionState(signIn, null);
  return (
    <form className="stack" action={action} data-testid="login-form">
      <input type="hidden" name="next" value={next} />
      <label>
        Email <input name="email" type="email" autoComplete="username" required />
      </label>
      <label>
        Password <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <button type="submit" disabled={pending}>Sign in</button>
      {error === null ? null : <p className="error" role="alert" data-testid="login-error">{error}</p>}
    </form>
  );
}
