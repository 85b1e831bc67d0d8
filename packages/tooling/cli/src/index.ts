// Public entry of @lockstep/cli: the command's parts, for tools that want them without the terminal.
export { main, type CliIo } from './cli.js';
export { checkRoutes, formatCheck, type CheckReport, type CheckRow, type Finding, type FindingCode } from './check.js';
export { explainPath, type ExplainReport } from './explain.js';
export { frameworkVariants, type Framework, type PathVariant } from './framework-variants.js';
export { CONFIG_FILES, ConfigError, findConfig, loadConfig, type RouteOptions } from './load-config.js';
export { policyFromConfig } from './policy-from-config.js';
export { scanNextApp } from './scan-next-app.js';
export { scanReactRouterApp } from './scan-react-router-app.js';
export { scanHonoApp } from './scan-hono-app.js';
export type { AppRoute, RouteKindName } from './app-route.js';
