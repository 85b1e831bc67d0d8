'use client';
// The display-name form: a Server Action guarded with guardAction (an error value, never a redirect).
import { useActionState } from 'react';
import { saveDisplayName } from '../../../lib/actions';

export function ProfileForm({ current }: { readonly current: string }) {
  const [result, action, pending] = useActionState(saveDisplayName, null);
  return (
    <section className="card">
      <div className="label">Profile</div>
      <form action={action} data-testid="profile-form">
        <label>
          Display name <input name="name" defaultValue={current} maxLength={60} required />
        </label>{' '}
        <button type="submit" disabled={pending}>Save</button>
      </form>
      {result === null ? null : result.ok ? (
        <p className="ok" data-testid="profile-result">Saved “{result.name}”.</p>
      ) : (
        <p className="error" data-testid="profile-result">Not saved: {result.error}</p>
      )}
    </section>
  );
}
