// The other URLs a framework serves the same page under: the ones a route table must decide like the page.

export type Framework = 'next' | 'react-router';

export interface PathVariant {
  readonly framework: Framework;
  /** What the URL is, for a person. */
  readonly label: string;
  readonly path: string;
}

/**
 * The page's variants: Next.js's flight data (`/x.rsc`, served for prefetches and static export)
 * and Pages Router data (`/_next/data/<build>/x.json`), React Router's single-fetch data
 * (`/x.data`, `/_root.data` for `/`). Each must be decided at least as strictly as the page.
 *
 * @example
 * frameworkVariants('/dashboard', ['react-router']); // [{ framework: 'react-router', label: 'single-fetch data', path: '/dashboard.data' }]
 */
export function frameworkVariants(path: string, frameworks: readonly Framework[], buildId = 'BUILD_ID'): PathVariant[] {
  const [pathname = '/'] = path.split('?');
  const root = pathname === '/' || pathname === '';
  const bare = pathname.endsWith('/') && !root ? pathname.slice(0, -1) : pathname;
  const variants: PathVariant[] = [];
  if (frameworks.includes('next')) {
    variants.push({ framework: 'next', label: 'RSC payload', path: root ? '/index.rsc' : `${bare}.rsc` });
    variants.push({ framework: 'next', label: 'Pages Router data', path: `/_next/data/${buildId}${root ? '/index' : bare}.json` });
  }
  if (frameworks.includes('react-router')) {
    variants.push({ framework: 'react-router', label: 'single-fetch data', path: root ? '/_root.data' : `${bare}.data` });
  }
  return variants;
}
