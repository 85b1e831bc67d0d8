// Size limits on access tokens, shared by every check that reads one.

/**
 * Longest token we spend a hash or a signature check on. Supabase access tokens are a few KB;
 * anything near this is junk, and refusing it early keeps junk cheap.
 */
export const MAX_ACCESS_TOKEN_LENGTH = 65_536;
