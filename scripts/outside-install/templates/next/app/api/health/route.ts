// A public endpoint (the route table says so): readiness checks need no session.
export function GET(): Response {
  return Response.json({ ok: true });
}
