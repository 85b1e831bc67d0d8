// Node entry: the server build on 127.0.0.1; PORT=0 (the default here) takes any free port.
import { createServer } from 'node:http';
import { createRequestListener } from '@react-router/node';

const build = await import('./build/server/index.js');
const server = createServer(createRequestListener({ build, mode: 'production' }));
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening on http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : '?'}`);
});
