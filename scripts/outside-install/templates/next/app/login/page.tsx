// The login page: a plain form posting to the sign-in Route Handler.
export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; error?: string }> }) {
  const { next, error } = await searchParams;
  return (
    <form method="post" action="/auth/sign-in">
      <input type="hidden" name="next" value={next ?? ''} />
      <input name="email" type="email" autoComplete="username" required />
      <input name="password" type="password" autoComplete="current-password" required />
      <button type="submit">Sign in</button>
      {error !== undefined && <p role="alert">Sign-in failed ({error}).</p>}
    </form>
  );
}
