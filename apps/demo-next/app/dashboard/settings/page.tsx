// `/dashboard/settings`: the resolved Lockstep settings (no secrets), a display-name form (a Server Action), the session panel.
import { SessionPanel } from '../../components/session-panel';
import { auth } from '../../../lib/auth';
import { sessionView } from '../../../lib/session-view';
import { ProfileForm } from './profile-form';

export default async function Settings() {
  const view = sessionView(await auth.requireUser());
  const config = auth.lockstep().config;
  return (
    <>
      <h1 data-testid="page-title">Settings</h1>
      <div className="card">
        <table>
          <tbody>
            <tr><td>Auth server</td><td><code>{config.authUrl}</code></td></tr>
            <tr><td>Session cookie name</td><td><code>{config.storageKey}</code> (value never shown)</td></tr>
            <tr><td>Login page</td><td><code>{config.loginPath}</code>, return-to parameter <code>{config.returnToParam}</code></td></tr>
            <tr><td>Token lifetime</td><td>{view.lifetime === null ? 'unknown' : `${view.lifetime} s (refreshed ${view.expiresAt - view.refreshAt} s before expiry)`}</td></tr>
          </tbody>
        </table>
      </div>
      <ProfileForm current={view.displayName ?? ''} />
      <SessionPanel view={view} />
    </>
  );
}
