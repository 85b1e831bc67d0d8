// `/dashboard/settings`: the resolved Lockstep settings (no secrets).
import { useLoaderData, type LoaderFunctionArgs } from 'react-router';
import { demoContext } from '../demo-context.js';

export function loader({ context }: LoaderFunctionArgs) {
  const { authUrl, storageKey, loginPath, returnToParam } = context.get(demoContext).lockstep.config;
  return { authUrl, storageKey, loginPath, returnToParam };
}

export default function Settings() {
  const config = useLoaderData<typeof loader>();
  return (
    <div className="card">
      <h2>Session settings</h2>
      <table>
        <tbody>
          <tr><td>Auth server</td><td><code>{config.authUrl}</code></td></tr>
          <tr><td>Session cookie name</td><td><code>{config.storageKey}</code> (value never shown)</td></tr>
          <tr><td>Login page</td><td><code>{config.loginPath}</code>, return-to parameter <code>{config.returnToParam}</code></td></tr>
        </tbody>
      </table>
    </div>
  );
}
