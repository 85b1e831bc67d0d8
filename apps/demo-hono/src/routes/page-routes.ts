// The server-rendered pages: public home, the protected dashboard pages and the admin page.
import { requireUser } from '@lockstep/hono';
import { Hono, type Context } from 'hono';
import { signedIn, type DemoDeps, type DemoEnv } from '../demo-env.js';
import { adminPage } from '../views/admin-page.js';
import { billingPage } from '../views/billing-page.js';
import { dashboardPage, settingsPage } from '../views/dashboard-pages.js';
import { homePage } from '../views/home-page.js';
import { staffPage } from '../views/staff-page.js';
import { toSessionView, type SessionView } from '../views/session-view.js';

const EVENTS_SHOWN = 12;

/** `/`, `/dashboard`, `/dashboard/settings`, `/admin`, `/admin/billing` (aal2) and `/admin/staff` (role admin); guarded again in the handler (DESIGN §3.9). */
export function pageRoutes(deps: DemoDeps): Hono<DemoEnv> {
  const app = new Hono<DemoEnv>();
  const view = (c: Context<DemoEnv>): SessionView => {
    const auth = signedIn(c);
    return toSessionView(auth, Math.floor(deps.now()), deps.events.recentFor(auth.user.id, EVENTS_SHOWN));
  };

  app.get('/', (c) => c.html(homePage(c.var.user)));
  app.get('/dashboard', requireUser(), (c) => c.html(dashboardPage(view(c))));
  app.get('/dashboard/settings', requireUser(), (c) => c.html(settingsPage(view(c), deps.lockstep.config)));
  app.get('/admin', requireUser('user'), (c) => c.html(adminPage(signedIn(c).user)));
  app.get('/admin/billing', requireUser({ mode: 'user', aal: 'aal2' }), (c) => c.html(billingPage(signedIn(c))));
  app.get('/admin/staff', requireUser({ mode: 'user', roles: ['admin'] }), (c) => c.html(staffPage(signedIn(c))));
  return app;
}
