// Pins a framework behaviour the docs describe: the login redirect's Location when the app is started
// another way (Next 15 on a loopback IP). A change fails the case, so the docs get re-checked.
import { startApp } from './app-server.mjs';
import { send } from './http-client.mjs';

/** Starts the app with `probe.start`, asks for the protected page as a client of another host name, checks the Location. */
export async function runHostProbe(probe, { cwd, env }) {
  const app = await startApp(probe.start.command, probe.start.args, { cwd, env, readyPath: '/api/health' });
  try {
    const response = await send(app.origin, '/dashboard', { headers: { host: 'app.example.test', accept: 'text/html', 'sec-fetch-mode': 'navigate' } });
    const location = response.headers.get('location') ?? '';
    if (!probe.expectLocation.test(location)) {
      throw new Error(`host probe (${probe.start.args.join(' ')}): expected a Location matching ${probe.expectLocation}, got ${response.status} ${location} — the framework changed: update the docs that describe it`);
    }
    return `${probe.start.args.join(' ')}, Host: app.example.test → ${location}`;
  } finally {
    await app.stop();
  }
}
