// `/api/health`: public.
export const loader = () => Response.json({ ok: true });
