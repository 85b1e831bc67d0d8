// Runs the contract suite (DESIGN §6) against the fixture under a real `next start`.
import { runContractSuite } from '@lockstep/contract-tests';
import { nextHarness } from './next-harness.js';

runContractSuite(nextHarness);
