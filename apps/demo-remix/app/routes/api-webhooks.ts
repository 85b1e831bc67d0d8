// `/api/webhooks/*`: public POST endpoints, no session work.
export const action = () => Response.json({ received: true });
