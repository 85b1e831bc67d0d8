// Runs the contract suite (DESIGN §6) through React Router's request handler, with lockstepMiddleware() on the root route.
import { runContractSuite } from '@lockstep/contract-tests';
import { middlewareHarness } from './rr-fixture.js';

runContractSuite(middlewareHarness);
