import { route, type RouteConfig } from '@react-router/dev/routes';

export default [
  route('login', 'routes/login.tsx'),
  route('auth/sign-in', 'routes/sign-in.ts'),
  route('dashboard', 'routes/dashboard.tsx'),
  route('api/me', 'routes/api-me.ts'),
  route('api/health', 'routes/api-health.ts'),
] satisfies RouteConfig;
