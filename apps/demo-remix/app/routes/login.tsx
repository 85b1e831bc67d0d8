// `/login`: the sign-in form; the action signs in and sends the user to the validated return-to.
import { toWebResponse } from '@lockstep/core';
import { signInWithPassword } from '@lockstep/remix';
import { Form, useActionData, useLoaderData, type ActionFunctionArgs, type LoaderFunctionArgs } from 'react-router';
import { demoContext } from '../demo-context.js';

export function loader({ url, context }: LoaderFunctionArgs) {
  return { next: url.searchParams.get('next'), demoUser: context.get(demoContext).demoUser ?? null };
}

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const email = String(form.get('email') ?? '');
  const result = await signInWithPassword(args, { email, password: String(form.get('password') ?? ''), returnTo: String(form.get('next') ?? '') });
  switch (result.kind) {
    case 'signed_in':
      // The redirect carries the session cookies; React Router turns it into a 202 for the client router.
      return toWebResponse(result.redirect);
    case 'rejected':
      return { email, error: result.reason === 'invalid_credentials' ? 'Wrong email or password.' : `Sign-in refused (${result.reason}).` };
    case 'unavailable':
      return { email, error: 'The auth server is unavailable. Please try again in a few seconds.' };
  }
}

export default function Login() {
  const { next, demoUser } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  return (
    <>
      <h1>Sign in</h1>
      {failed?.error === undefined ? null : (
        <p className="error" role="alert" data-testid="login-error">
          {failed.error}
        </p>
      )}
      <Form className="stack card" method="post" action={next === null ? '/login' : `/login?next=${encodeURIComponent(next)}`}>
        <input type="hidden" name="next" value={next ?? ''} />
        <label>
          Email <input name="email" type="email" autoComplete="username" required defaultValue={failed?.email ?? demoUser?.email ?? ''} />
        </label>
        <label>
          Password <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <button type="submit">Sign in</button>
      </Form>
      {demoUser === null ? null : (
        <p className="muted">
          Embedded mock auth server: sign in as <code>{demoUser.email}</code> with password <code>{demoUser.password}</code>.
        </p>
      )}
    </>
  );
}
