'use server';
// Server Actions: the profile update, through @lockstep/next (sign-in and sign-out are Route Handlers: see app/login/password and app/logout).
import { revalidatePath } from 'next/cache';
import { auth, demoClock } from './auth';
import { DISPLAY_NAME_MAX, setDisplayName } from './profiles';

/** What the profile form shows after a save. */
export type SaveResult =
  | { readonly ok: true; readonly name: string; readonly savedAt: number }
  | { readonly ok: false; readonly error: string };

/**
 * The settings page's "display name" form. Guarded with `guardAction`: a signed-out caller gets an
 * error value, never a redirect. Past the token's expiry it still works, because the proxy renews
 * the session on the action's own POST before this runs.
 */
export async function saveDisplayName(_previous: SaveResult | null, form: FormData): Promise<SaveResult> {
  const guard = await auth.guardAction();
  if (guard.kind === 'denied') return { ok: false, error: `${guard.error.error} (${guard.error.reason})` };
  const name = String(form.get('name') ?? '').trim();
  if (name === '' || name.length > DISPLAY_NAME_MAX) return { ok: false, error: `A display name has 1 to ${DISPLAY_NAME_MAX} characters.` };
  setDisplayName(guard.auth.user.id, name);
  revalidatePath('/dashboard', 'layout');
  return { ok: true, name, savedAt: Math.floor(demoClock()) };
}
