// `/login`: the form (posted to the /login/password Route Handler, which honours `?next=`); signed-in users are sent on by the proxy.
import { LoginForm } from './login-form';

export default async function Login({ searchParams }: { readonly searchParams: Promise<{ next?: string; error?: string; failed?: string }> }) {
  const { next, error, failed } = await searchParams;
  const hint = process.env.DEMO_LOGIN_HINT;
  return (
    <>
      <h1>Sign in</h1>
      {error === undefined ? null : <p className="error" data-testid="callback-error">Sign-in failed ({error}).</p>}
      <LoginForm next={typeof next === 'string' ? next : ''} failed={typeof failed === 'string' ? failed : null} />
      {hint ? <p className="muted" data-testid="demo-user">Embedded mock: sign in as {hint}.</p> : null}
    </>
  );
}
