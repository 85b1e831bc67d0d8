// Node entry: Express on 127.0.0.1; PORT=0 (the default here) takes any free port.
import { app } from './app.js';

const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening on http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : '?'}`);
});
