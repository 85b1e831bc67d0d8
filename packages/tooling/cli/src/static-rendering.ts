// Whether a Next.js route is rendered statically, as far as its files' segment config says it.

/**
 * Why this file's own exports make its route static, or `null`: `dynamic = 'force-static'`,
 * `revalidate = <seconds>` (a positive number: the page is cached and served to every visitor for
 * that long), an exported `generateStaticParams` (its pages are prerendered at build time), and in
 * the Pages Router `getStaticProps`. `'force-dynamic'` or `revalidate = 0` in the same file wins.
 * Code is the source without comments.
 *
 * @example
 * staticSignal("export const revalidate = 60;"); // 'revalidate = 60'
 */
export function staticSignal(code: string): string | null {
  if (forcesDynamic(code)) return null;
  if (/export\s+const\s+dynamic\s*=\s*(['"])force-static\1/.test(code)) return "dynamic = 'force-static'";
  // `60`, `3_600`, `60 * 60`: a number the file states; an expression from elsewhere is not read.
  const revalidate = /export\s+const\s+revalidate\s*=\s*(\d[\d_]*(?:\s*\*\s*\d[\d_]*)*)\s*(?:;|$)/m.exec(code);
  if (revalidate !== null && !/^0+$/.test(revalidate[1] ?? '0')) return `revalidate = ${(revalidate[1] ?? '').replace(/\s+/g, ' ')}`;
  if (/export\s+(?:async\s+)?(?:function\s+generateStaticParams\b|const\s+generateStaticParams\s*=)/.test(code)) return 'generateStaticParams';
  if (/export\s+(?:async\s+)?(?:function\s+getStaticProps\b|const\s+getStaticProps\s*=)/.test(code)) return 'getStaticProps';
  return null;
}

/** `dynamic = 'force-dynamic'` or `revalidate = 0`: the file opts its route into per-request rendering. */
export function forcesDynamic(code: string): boolean {
  return /export\s+const\s+dynamic\s*=\s*(['"])force-dynamic\1/.test(code) || /export\s+const\s+revalidate\s*=\s*0+\s*(?:;|$)/m.test(code);
}
