'use client';
import { useActionState } from 'react';
import { signIn } from '../../lib/actions';

export function LoginForm({ next }: { readonly next: string }) {
  const [error, action] = useActionState(signIn, null);
  return (
    <form action={action}>
      <h1>Sign in</h1>
      <input type="hidden" name="next" value={next} />
      <label>Email <input name="email" type="email" required /></label>
      <label>Password <input name="password" type="password" required /></label>
      <button type="submit">Sign in</button>
      {error === null ? null : <p role="alert">{error}</p>}
    </form>
  );
}
