// The Next 15 build's Next config (build-fixture.ts assembles that app in test/.next/fixture-next15). Next 15
// builds with webpack: the same built packages (dist) as the Next 16 fixture, through webpack aliases instead
// of Turbopack's resolveAlias.
import { resolve } from 'node:path';

const dist = resolve(import.meta.dirname, '../../../dist');

/** @type {import('next').NextConfig} */
export default {
  // Same as the Next 16 fixture: the core decides trailing slashes (C19).
  skipTrailingSlashRedirect: true,
  typescript: { ignoreBuildErrors: true },
  // Next 15 lints during `next build`; the package's own ESLint run covers these files.
  eslint: { ignoreDuringBuilds: true },
  webpack(config) {
    config.resolve.alias['@lockstep/next/server$'] = resolve(dist, 'server/index.js');
    config.resolve.alias['@lockstep/next$'] = resolve(dist, 'index.js');
    return config;
  },
};
