// The routes of DESIGN §7.
import { index, route, type RouteConfig } from '@react-router/dev/routes';

export default [
  index('routes/home.tsx'),
  route('login', 'routes/login.tsx'),
  route('logout', 'routes/logout.tsx'),
  route('auth/callback', 'routes/auth-callback.ts'),
  route('dashboard', 'routes/dashboard.tsx', [index('routes/dashboard-overview.tsx'), route('settings', 'routes/dashboard-settings.tsx')]),
  route('settings/security', 'routes/settings-security.tsx'),
  route('admin', 'routes/admin.tsx'),
  route('admin/billing', 'routes/admin-billing.tsx'),
  route('admin/staff', 'routes/admin-staff.tsx'),
  route('api/me', 'routes/api-me.ts'),
  route('api/profile', 'routes/api-profile.ts'),
  route('api/health', 'routes/api-health.ts'),
  route('api/webhooks/*', 'routes/api-webhooks.ts'),
  route('*', 'routes/not-found.tsx'),
] satisfies RouteConfig;
