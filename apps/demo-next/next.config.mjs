// The demo consumes the built @lockstep packages (scripts/start.mjs builds them when missing).
import { resolve } from 'node:path';

/** @type {import('next').NextConfig} */
export default {
  typescript: { ignoreBuildErrors: true },
  turbopack: { root: resolve(import.meta.dirname, '../..') },
};
