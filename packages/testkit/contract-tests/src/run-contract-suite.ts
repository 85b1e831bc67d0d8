// Registers every contract scenario of DESIGN §6 for one adapter, once per backend (adapters × providers).
import { afterAll, describe } from 'vitest';
import { CONTRACT_BACKEND_NAMES, contractBackends } from './backends/index.js';
import { countResults, writeContractResult } from './contract-results.js';
import { useContractEnv } from './environment.js';
import type { AdapterHarness } from './harness.js';
import { accessScenarios } from './scenarios/access.js';
import { cacheHeaderScenarios } from './scenarios/cache-headers.js';
import { bearerScenarios } from './scenarios/bearer.js';
import { callbackScenarios } from './scenarios/callback.js';
import { correlationScenarios } from './scenarios/correlation.js';
import { duplicateCookieScenarios } from './scenarios/duplicate-cookies.js';
import { forgedHeaderScenarios } from './scenarios/forged-headers.js';
import { forgedTokenScenarios } from './scenarios/forged-tokens.js';
import { nextInternalsScenarios } from './scenarios/next-internals.js';
import { pathScenarios } from './scenarios/paths.js';
import { reactRouterInternalsScenarios } from './scenarios/react-router-internals.js';
import { refreshScenarios } from './scenarios/refresh.js';
import { routerAgreementScenarios } from './scenarios/router-agreement.js';
import { rejectionScenarios } from './scenarios/rejection.js';
import { revocationScenarios } from './scenarios/revocation.js';
import { requirementScenarios } from './scenarios/requirements.js';
import { signOutScenarios } from './scenarios/sign-out.js';
import { supabaseScenarios } from './scenarios/supabase-only.js';

/**
 * Registers the contract suite (vitest `describe`/`it` blocks) for the adapter behind `harness`: one
 * `Lockstep contract: <adapter> × <backend>` suite per backend (`harness.backends`, default all).
 * A scenario group that needs a backend capability exists only in the suites of the backends that
 * have it. Each suite writes its counts for the CI summary (see contract-results.ts).
 * Call it at the top level of a test file.
 *
 * @example
 * // packages/adapters/hono/test/contract.test.ts
 * runContractSuite({ name: 'hono', capabilities: { thrownErrorStatus: 418 }, start: startHonoFixture });
 */
export function runContractSuite(harness: AdapterHarness): void {
  const backends = contractBackends();
  for (const name of harness.backends ?? CONTRACT_BACKEND_NAMES) {
    describe(`Lockstep contract: ${harness.name} × ${name}`, () => {
      const env = useContractEnv(harness, name, backends[name]);
      // Vitest requires the hook's first parameter to be a destructuring pattern; only the suite is read.
      // eslint-disable-next-line no-empty-pattern
      afterAll(({}, suite) => writeContractResult({ adapter: harness.name, backend: name, ...countResults(suite) }));
      accessScenarios(env);
      refreshScenarios(env);
      cacheHeaderScenarios(env);
      rejectionScenarios(env);
      forgedTokenScenarios(env);
      forgedHeaderScenarios(env);
      duplicateCookieScenarios(env);
      pathScenarios(env);
      signOutScenarios(env);
      revocationScenarios(env);
      requirementScenarios(env);
      bearerScenarios(env);
      callbackScenarios(env);
      supabaseScenarios(env);
      reactRouterInternalsScenarios(env);
      nextInternalsScenarios(env);
      routerAgreementScenarios(env);
      correlationScenarios(env);
    });
  }
}
