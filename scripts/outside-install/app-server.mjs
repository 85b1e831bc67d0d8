// Runs a command in the app directory (install, build) and starts the built app on 127.0.0.1.
import { spawn } from 'node:child_process';
import { once } from 'node:events';

/** Runs `command args` in `cwd`; resolves with the output, rejects with its tail on a non-zero exit or timeout. */
export function run(command, args, { cwd, env, timeoutMs }) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => killGroup(child), timeoutMs);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} ${signal === null ? `exited ${code}` : `killed (${signal}, timeout ${timeoutMs / 1000} s)`}\n${tail(output)}`));
    });
  });
}

/**
 * Starts the app and waits for its origin. The app prints it (`listening on http://…`, or Next's
 * `- Local: http://…`); `port` is passed through PORT and to commands that take it as an argument.
 */
export async function startApp(command, args, { cwd, env, readyPath, timeoutMs = 60_000 }) {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  let origin = null;
  const onData = (chunk) => {
    output += chunk;
    origin ??= /(?:listening on|Local:)\s+(http:\/\/[^\s/]+)/.exec(output)?.[1] ?? null;
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    killGroup(child);
    await exited;
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}) before it was ready:\n${tail(output)}`);
    if (origin !== null) {
      const up = await fetch(`${origin}${readyPath}`).then((r) => r.ok, () => false);
      if (up) return { origin, stop, output: () => output };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error(`the app was not ready within ${timeoutMs / 1000} s:\n${tail(output)}`);
}

/** The whole process group: package managers and `next start` spawn children. */
function killGroup(child) {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

function tail(text) {
  return text.split('\n').slice(-40).join('\n');
}
