// React Router framework mode: server rendering on; middleware is always on in 8.x (7.x: future.v8_middleware).
// The build goes to dist/, which the workspace's lint and git already ignore.
import type { Config } from '@react-router/dev/config';

export default { appDirectory: 'app', buildDirectory: 'dist', ssr: true } satisfies Config;
