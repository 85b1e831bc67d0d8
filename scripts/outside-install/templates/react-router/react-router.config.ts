// React Router 8: middleware is always on.
import type { Config } from '@react-router/dev/config';

export default { ssr: true } satisfies Config;
