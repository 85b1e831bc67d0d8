// src/bun.ts — Bun: Bun.serve on 127.0.0.1 (PORT, 0 = any free port); the bindings come from Bun's environment.
import { app, type Bindings } from './app';

declare const Bun: {
  env: Record<string, string | undefined>;
  serve(options: { hostname: string; port: number; fetch: (request: Request) => Response | Promise<Response> }): { port: number };
};

const bindings: Bindings = { SUPABASE_URL: Bun.env.SUPABASE_URL ?? '', SUPABASE_ANON_KEY: Bun.env.SUPABASE_ANON_KEY ?? '' };
const server = Bun.serve({ hostname: '127.0.0.1', port: Number(Bun.env.PORT ?? 0), fetch: (request) => app.fetch(request, bindings) });
console.log(`listening on http://127.0.0.1:${server.port}`);
