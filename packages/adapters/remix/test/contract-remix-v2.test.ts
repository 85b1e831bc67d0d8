// Runs the contract suite (DESIGN §6) through Remix v2's request handler, with the loader-style helpers of @lockstep/remix/v2.
import { runContractSuite } from '@lockstep/contract-tests';
import { remixV2Harness } from './remix-v2-fixture.js';

runContractSuite(remixV2Harness(false));
runContractSuite(remixV2Harness(true));
