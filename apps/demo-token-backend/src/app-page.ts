// The browser tests' page: loads @lockstep/browser and exposes `authFetch` to the test.

/** A page that imports the bundled helper and puts `window.authFetch` and `window.callApi` in place. */
export function appPage(): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Lockstep token backend</title></head>
<body><h1>App</h1>
<script type="module">
  import { createAuthFetch } from '/assets/auth-fetch.js';
  const authFetch = createAuthFetch({ refreshUrl: '/auth/refresh', loginUrl: '/login' });
  window.authFetch = authFetch;
  window.callApi = async (path, count) => {
    const responses = await Promise.all(Array.from({ length: count }, () => authFetch(path)));
    return responses.map((response) => response.status);
  };
  window.ready = true;
</script>
</body></html>`;
}
