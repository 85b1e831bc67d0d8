// The login page: a plain form posting to the sign-in action.
import { useSearchParams } from 'react-router';

export default function Login() {
  const [params] = useSearchParams();
  return (
    <form method="post" action="/auth/sign-in">
      <input type="hidden" name="next" value={params.get('next') ?? ''} />
      <input name="email" type="email" required />
      <input name="password" type="password" required />
      <button type="submit">Sign in</button>
      {params.has('error') && <p role="alert">Sign-in failed ({params.get('error')}).</p>}
    </form>
  );
}
