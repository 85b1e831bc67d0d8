// src/worker.ts — workerd (Cloudflare Workers): the module Worker serves the app; vars and secrets arrive as `env`.
import { app } from './app';

export default app;
