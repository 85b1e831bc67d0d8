// UTF-8 → unpadded base64url for cookie values, byte-identical to @supabase/ssr's except where its encoder is wrong.

/**
 * Encodes text as unpadded base64url of its UTF-8 bytes, like `@supabase/ssr`'s
 * `stringToBase64URL`, which we deliberately do not call for writing: in 0.12.7 it mis-encodes
 * every code point from U+20000 up (CJK Extension B and later planes; its surrogate arithmetic
 * overflows 16 bits), so `'𠀀'` comes back as U+10000 and user metadata is silently corrupted.
 * For all other text the output is identical (a property test pins this), and upstream's
 * `stringFromBase64URL` decodes ours correctly, so browser and server clients interoperate.
 *
 * @example
 * toBase64Url('{"a":1}'); // → 'eyJhIjoxfQ'
 */
export function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  // Bounded slices: String.fromCharCode(...all) would exceed the engine's argument limit.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
