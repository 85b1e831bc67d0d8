// `POST /api/webhooks/*`: public and session-free (a real app would check the sender's signature).
const WEBHOOK_MAX_BYTES = 64 * 1024;

export async function POST(request: Request, { params }: { readonly params: Promise<{ source: string[] }> }): Promise<Response> {
  const { source } = await params;
  const body = await request.text();
  if (body.length > WEBHOOK_MAX_BYTES) return Response.json({ error: 'payload_too_large' }, { status: 413 });
  return Response.json({ received: source.join('/'), bytes: body.length }, { status: 202 });
}
