// Where roles usually live in verified claims, when the app does not say (`rolesFrom` option).
import { claimAt } from '../routes/route-requirements.js';
import type { SessionClaims } from '../session/session.js';

const ROLE_PATHS: readonly (readonly string[])[] = [['app_metadata', 'roles'], ['app_metadata', 'role'], ['user_role'], ['roles']];

/**
 * The roles in `app_metadata.roles` / `app_metadata.role` (Supabase: set only with the service key),
 * `user_role` (the claim Supabase's Custom Access Token hook guide adds) and `roles` (common in
 * OIDC). Never `role`: in a Supabase token it is the database role (`authenticated`), the same for
 * every user. Never `user_metadata`: users write it themselves.
 *
 * @example
 * defaultRoles({ sub: 'u', exp: 1, app_metadata: { role: 'admin' } }); // → ['admin']
 */
export function defaultRoles(claims: SessionClaims): readonly string[] {
  const roles: string[] = [];
  for (const path of ROLE_PATHS) {
    const value = claimAt(claims, path);
    if (typeof value === 'string') roles.push(value);
    else if (Array.isArray(value)) for (const item of value as unknown[]) if (typeof item === 'string') roles.push(item);
  }
  return roles;
}
