// src/deno.ts — Deno: Deno.serve on 127.0.0.1 (PORT, 0 = any free port); the bindings come from Deno.env
// (run with --allow-net --allow-env).
import { app, type Bindings } from './app';

declare const Deno: {
  env: { get(name: string): string | undefined };
  serve(options: { hostname: string; port: number; onListen(address: { port: number }): void }, handler: (request: Request) => Response | Promise<Response>): unknown;
};

const bindings: Bindings = { SUPABASE_URL: Deno.env.get('SUPABASE_URL') ?? '', SUPABASE_ANON_KEY: Deno.env.get('SUPABASE_ANON_KEY') ?? '' };
Deno.serve(
  { hostname: '127.0.0.1', port: Number(Deno.env.get('PORT') ?? 0), onListen: ({ port }) => console.log(`listening on http://127.0.0.1:${port}`) },
  (request) => app.fetch(request, bindings),
);
