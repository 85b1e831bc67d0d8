// A public endpoint (the route table says so).
export function loader() {
  return Response.json({ ok: true });
}
