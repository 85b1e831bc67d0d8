// `/login`: the form (a Server Action signs in and honours `?next=`); signed-in users are sent on by the proxy.
import { LoginForm } from './login-form';

export default async function Login({ searchParams }: { readonly searchParams: Promise<{ next?: string; error?: string }> }) {
  const { next, error } = await searchParams;
  const hint = process.env.DEMO_LOGIN_HINT;
  return (
    <>
      <h1>Sign in</h1>
      {error === undefined ? null : <p className="error" data-testid="callback-error">Sign-in failed ({error}).</p>}
      <LoginForm next={typeof next === 'string' ? next : ''} />
      {hint ? <p className="muted" data-testid="demo-user">Embedded mock: sign in as {hint}.</p> : null}
    </>
  );
}
