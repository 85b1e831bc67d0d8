// Registers every contract scenario of DESIGN §6 for one adapter.
import { describe } from 'vitest';
import { useContractEnv } from './environment.js';
import type { AdapterHarness } from './harness.js';
import { accessScenarios } from './scenarios/access.js';
import { cacheHeaderScenarios } from './scenarios/cache-headers.js';
import { callbackScenarios } from './scenarios/callback.js';
import { duplicateCookieScenarios } from './scenarios/duplicate-cookies.js';
import { forgedHeaderScenarios } from './scenarios/forged-headers.js';
import { forgedTokenScenarios } from './scenarios/forged-tokens.js';
import { nextInternalsScenarios } from './scenarios/next-internals.js';
import { pathScenarios } from './scenarios/paths.js';
import { reactRouterInternalsScenarios } from './scenarios/react-router-internals.js';
import { refreshScenarios } from './scenarios/refresh.js';
import { routerAgreementScenarios } from './scenarios/router-agreement.js';
import { rejectionScenarios } from './scenarios/rejection.js';
import { signOutScenarios } from './scenarios/sign-out.js';

/**
 * Registers the contract suite (vitest `describe`/`it` blocks) for the adapter behind `harness`.
 * Call it at the top level of a test file.
 *
 * @example
 * // packages/adapters/hono/test/contract.test.ts
 * runContractSuite({ name: 'hono', capabilities: { thrownErrorStatus: 418 }, start: startHonoFixture });
 */
export function runContractSuite(harness: AdapterHarness): void {
  describe(`Lockstep contract: ${harness.name}`, () => {
    const env = useContractEnv(harness);
    accessScenarios(env);
    refreshScenarios(env);
    cacheHeaderScenarios(env);
    rejectionScenarios(env);
    forgedTokenScenarios(env);
    forgedHeaderScenarios(env);
    duplicateCookieScenarios(env);
    pathScenarios(env);
    signOutScenarios(env);
    callbackScenarios(env);
    reactRouterInternalsScenarios(env);
    nextInternalsScenarios(env);
    routerAgreementScenarios(env);
  });
}
