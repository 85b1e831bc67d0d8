// Runs the contract suite through a real Fastify 5 server behind @lockstep/node/fastify.
import { runContractSuite } from '@lockstep/contract-tests';
import { fastifyHarness } from './fastify-fixture.js';

runContractSuite(fastifyHarness);
