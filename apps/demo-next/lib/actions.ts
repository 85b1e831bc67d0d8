'use server';
// Server Actions: sign-in, sign-out and a profile update, all through @lockstep/next.
import { auth } from './auth';

export async function signIn(_state: string | null, form: FormData): Promise<string | null> {
  const result = await auth.signInWithPassword({ email: String(form.get('email') ?? ''), password: String(form.get('password') ?? ''), returnTo: String(form.get('next') ?? '') || null });
  return result.kind === 'rejected' ? `Sign-in failed (${result.reason}).` : 'The auth server is unavailable; try again.';
}

export async function signOut(): Promise<void> {
  await auth.signOut();
}

export async function saveProfile(form: FormData): Promise<void> {
  const { user } = await auth.requireUser();
  // A real app would write through auth.supabaseFor(session) (RLS applies); the demo only checks the guard.
  void user;
  void form;
}
