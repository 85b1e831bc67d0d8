// Runs the contract suite through a real Express 5 server behind @lockstep/node/express.
import { runContractSuite } from '@lockstep/contract-tests';
import { expressHarness } from './express-fixture.js';

runContractSuite(expressHarness);
