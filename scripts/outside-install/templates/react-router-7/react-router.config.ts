// React Router 7.9+: middleware and raw `.data` requests are opt-in (8.x does both by default).
import type { Config } from '@react-router/dev/config';

export default { ssr: true, future: { v8_middleware: true, v8_passThroughRequests: true } } satisfies Config;
