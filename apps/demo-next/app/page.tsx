import { auth } from '../lib/auth';

export default async function Home() {
  const state = await auth.getAuth();
  return <p id="home">{state.kind === 'authenticated' ? `Signed in as ${state.user.email ?? state.user.id}.` : 'Not signed in.'}</p>;
}
