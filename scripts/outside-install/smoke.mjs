// The HTTP smoke test every outside app must pass, against the mock auth server:
// anonymous page → login redirect, API → 401 JSON, sign-in → session cookie, page and API 200,
// an expired session refreshed exactly once (sequential, then four concurrent requests).
import { createCookieJar } from './cookie-jar.mjs';
import { send } from './http-client.mjs';
import { mockControls, SMOKE_USER } from './mock-auth.mjs';

const DOCUMENT = { accept: 'text/html', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document', 'sec-fetch-site': 'none' };
const DATA = { accept: 'application/json', 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty', 'sec-fetch-site': 'same-origin' };
const HOUR = 3600;

/** Runs the smoke steps; throws at the first broken expectation. Returns what it observed (for the report). */
export async function smoke(origin, mockUrl) {
  const controls = mockControls(mockUrl);
  const mock = { ...controls, refreshCalls: () => controls.calls('token:refresh_token') };
  const get = (path, headers, jar) => send(origin, path, { headers: { ...headers, ...(jar ? { cookie: jar.header() } : {}) } });
  const observed = {};

  // 1. Anonymous document request to a protected page → redirect to the login page with the return-to.
  const anonymous = await get('/dashboard', DOCUMENT);
  expect([302, 303, 307].includes(anonymous.status), `anonymous /dashboard: expected a redirect, got ${anonymous.status}`);
  const location = anonymous.headers.get('location') ?? '';
  const target = new URL(location, origin);
  expect(target.pathname === '/login' && target.searchParams.get('next') === '/dashboard', `anonymous /dashboard: expected a redirect to /login?next=/dashboard, got ${location}`);
  // Relative, so it works whatever host the client used (behind a proxy, on another name).
  expect(!/^[a-z][a-z0-9+.-]*:|^\/\//i.test(location), `anonymous /dashboard: expected a relative Location, got ${location}`);
  observed.loginLocation = location;

  // 2. Anonymous API request → 401 JSON.
  const api = await get('/api/me', DATA);
  expect(api.status === 401, `anonymous /api/me: expected 401, got ${api.status}`);
  expect((api.headers.get('content-type') ?? '').includes('application/json'), `anonymous /api/me: expected JSON, got ${api.headers.get('content-type')}`);
  await api.json();

  // 3. Sign-in → redirect to the return-to, with the session cookie.
  const jar = await signIn(origin, '/dashboard');
  const refreshesBefore = await mock.refreshCalls();

  // 4. The protected page and API with the session.
  const page = await get('/dashboard', DOCUMENT, jar);
  expect(page.status === 200, `signed-in /dashboard: expected 200, got ${page.status}`);
  expect((await page.text()).includes(SMOKE_USER.email), 'signed-in /dashboard: the page does not show the user');
  const me = await get('/api/me', DATA, jar);
  expect(me.status === 200, `signed-in /api/me: expected 200, got ${me.status}`);
  const body = await me.json();
  expect(body.email === SMOKE_USER.email, `signed-in /api/me: expected the user's email, got ${JSON.stringify(body.email)}`);
  expect((await mock.refreshCalls()) === refreshesBefore, 'a fresh session was refreshed');
  // Claims verification (the default mode) checks the ES256 signature locally, with the mock's published keys.
  expect((await controls.calls('jwks')) >= 1, 'the signed-in requests passed without the JWKS ever being fetched: no claims verification ran');

  // 5. An expired session (signed in two hours ago on the mock's clock) → one refresh, then none.
  const expired = await signInInThePast(origin, mock);
  const before = await mock.refreshCalls();
  const refreshed = await get('/dashboard', DOCUMENT, expired);
  expect(refreshed.status === 200, `expired session /dashboard: expected 200, got ${refreshed.status}`);
  expect(expired.update(refreshed).some((name) => name.includes('auth-token')), 'expired session /dashboard: no new session cookie');
  expect((await mock.refreshCalls()) - before === 1, `expired session: expected exactly 1 refresh, saw ${(await mock.refreshCalls()) - before}`);
  const again = await get('/api/me', DATA, expired);
  expect(again.status === 200, `refreshed session /api/me: expected 200, got ${again.status}`);
  expect((await mock.refreshCalls()) - before === 1, 'the refreshed session was refreshed again');

  // 6. Four concurrent requests with one expired session → still exactly one refresh.
  const concurrent = await signInInThePast(origin, mock);
  const start = await mock.refreshCalls();
  const answers = await Promise.all(['/dashboard', '/api/me', '/dashboard', '/api/me'].map((path) => get(path, path === '/dashboard' ? DOCUMENT : DATA, concurrent)));
  expect(answers.every((r) => r.status === 200), `4 concurrent requests with an expired session: statuses ${answers.map((r) => r.status).join(', ')}`);
  const concurrentRefreshes = (await mock.refreshCalls()) - start;
  expect(concurrentRefreshes === 1, `4 concurrent requests with an expired session: expected exactly 1 refresh, saw ${concurrentRefreshes}`);
  return observed;
}

/** Posts the login form; returns a jar holding the session cookies. */
async function signIn(origin, next) {
  const jar = createCookieJar();
  const form = new URLSearchParams({ email: SMOKE_USER.email, password: SMOKE_USER.password, next });
  const response = await send(origin, '/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin, 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document', 'sec-fetch-site': 'same-origin' },
    body: form.toString(),
  });
  expect([302, 303].includes(response.status), `sign-in: expected a redirect, got ${response.status}`);
  const location = new URL(response.headers.get('location') ?? '', origin);
  expect(location.pathname === next, `sign-in: expected a redirect to ${next}, got ${response.headers.get('location')}`);
  expect(jar.update(response).some((name) => name.includes('auth-token')), 'sign-in: no session cookie');
  return jar;
}

/** Signs in with the mock's clock two hours back: the access token (one hour) is already expired now. */
async function signInInThePast(origin, mock) {
  await mock.advanceClock(-2 * HOUR);
  try {
    return await signIn(origin, '/dashboard');
  } finally {
    await mock.advanceClock(2 * HOUR);
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}
