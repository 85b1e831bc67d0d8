// Runs the contract suite (DESIGN §6) against the same fixture built by Next 15: `middleware.ts` on the Edge runtime.
import { runContractSuite } from '@lockstep/contract-tests';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NEXT15_BUILD } from './build-fixture.js';
import { next15Harness } from './next-harness.js';

/** The parts of Next 15's build manifests read here: Edge middleware, and Node functions (Node middleware). */
interface MiddlewareManifest {
  readonly middleware: Readonly<Record<string, { readonly name: string } | undefined>>;
}
interface FunctionsConfigManifest {
  readonly functions: Readonly<Record<string, { readonly runtime: string } | undefined>>;
}

const readManifest = <T>(name: string): T => JSON.parse(readFileSync(join(NEXT15_BUILD.dir, '.next/server', name), 'utf8')) as T;

describe('the Next 15 build', () => {
  // Edge is the point: a `node:*` import anywhere under @lockstep/next's proxy entry fails that build.
  it('runs middleware.ts as an Edge function, not on Node', () => {
    expect(readManifest<MiddlewareManifest>('middleware-manifest.json').middleware['/']?.name).toBe('middleware');
    expect(readManifest<FunctionsConfigManifest>('functions-config-manifest.json').functions['/_middleware']).toBeUndefined();
  });
});

runContractSuite(next15Harness);
