// Node entry: @hono/node-server on 127.0.0.1; PORT=0 (the default here) takes any free port.
import { serve } from '@hono/node-server';
import { app } from './app.js';

serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.env.PORT ?? 0) }, (info) => {
  console.log(`listening on http://127.0.0.1:${info.port}`);
});
