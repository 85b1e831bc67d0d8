// Node entry: Fastify on 127.0.0.1; PORT=0 (the default here) takes any free port.
import { app } from './app.js';

const address = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
console.log(`listening on ${address}`);
