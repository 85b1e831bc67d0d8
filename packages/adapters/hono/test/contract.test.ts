// Runs the contract suite (DESIGN §6) against the Hono adapter.
import { runContractSuite } from '@lockstep/contract-tests';
import { honoHarness } from './fixture-app.js';

runContractSuite(honoHarness);
