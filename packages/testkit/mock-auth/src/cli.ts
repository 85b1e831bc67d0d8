#!/usr/bin/env node
// The `lockstep-mock-auth` command: starts a mock on 127.0.0.1, prints its URL and keys, runs until a signal.
import { parseCli, USAGE } from './cli-args.js';
import { startMockAuth } from './server.js';

async function main(): Promise<void> {
  const command = parseCli(process.argv.slice(2), process.env);
  if (command.kind === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  const mock = await startMockAuth(command.options);
  const users = command.options.users ?? [];
  const lines = [
    `lockstep mock auth listening`,
    `  API URL:          ${mock.url}`,
    ...(mock.publicUrl === mock.url ? [] : [`  Public URL:       ${mock.publicUrl}`]),
    `  GoTrue:           ${mock.issuer}`,
    `  Controls:         ${mock.url}/__mock`,
    `  JWT algorithm:    ${mock.jwtAlgorithm}`,
    `  anon key:         ${mock.anonKey}`,
    `  service_role key: ${mock.serviceRoleKey}`,
    ...(mock.publishableKey === null ? [] : [`  publishable key:  ${mock.publishableKey}`, `  secret key:       ${mock.secretKey ?? ''}`]),
    ...users.map((u) => `  user:             ${u.email} (${mock.controls.findUser(u.email)?.id ?? '?'})`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const shutdown = (): void => {
    void mock.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`lockstep-mock-auth: ${error instanceof Error ? error.message : 'failed to start'}\n${USAGE}`);
  process.exit(1);
});
