// OAuth 2 error answers (RFC 6749 §5.2, RFC 6750 §3): JSON `{ error, error_description }`.

/** The error codes the mock answers with. */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'invalid_scope'
  | 'access_denied'
  | 'invalid_token';

/** A JSON OAuth error; `invalid_client` with Basic authentication also carries its challenge (RFC 6749 §5.2). */
export function oauthError(status: number, error: OAuthErrorCode, description: string, headers: Record<string, string> = {}): Response {
  return Response.json({ error, error_description: description }, { status, headers: { 'cache-control': 'no-store', ...headers } });
}

/** The protected-resource refusal of RFC 6750 §3.1 (userinfo). */
export function invalidToken(description: string): Response {
  return Response.json(
    { error: 'invalid_token', error_description: description },
    { status: 401, headers: { 'www-authenticate': `Bearer error="invalid_token", error_description="${description}"` } },
  );
}
