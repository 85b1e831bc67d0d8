// Server rendering of documents; also exports the context key the server fills (one module instance with the routes).
import { renderToReadableStream } from 'react-dom/server';
import { ServerRouter, type EntryContext } from 'react-router';

export { demoContext } from './demo-context.js';

export default async function handleRequest(request: Request, status: number, headers: Headers, routerContext: EntryContext): Promise<Response> {
  let statusCode = status;
  const stream = await renderToReadableStream(<ServerRouter context={routerContext} url={request.url} />, {
    signal: request.signal,
    onError(error: unknown) {
      statusCode = 500;
      console.error(error);
    },
  });
  // Whole documents: the demo is small and its tests read the HTML.
  await stream.allReady;
  headers.set('Content-Type', 'text/html; charset=utf-8');
  return new Response(stream, { status: statusCode, headers });
}
