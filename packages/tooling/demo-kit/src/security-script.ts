// The inline script of the demos' /settings/security page: the Bearer API call and the signed-out-elsewhere watcher.

/**
 * Plain browser JavaScript, free of Node imports, for a `<script type="module">`:
 * - `[data-bearer-call]` calls `/api/profile` with `Authorization: Bearer <the token in [data-access-token]>`
 *   and no cookies (`credentials: 'omit'`), and shows the status and body in `[data-bearer-out]`
 *   (its `data-status` attribute holds the status);
 * - `[data-session-watch]` is revealed once `/api/me` (polled every 250 ms) answers 401: this
 *   session was ended elsewhere (a "sign out everywhere" in another browser).
 */
export const SECURITY_PAGE_SCRIPT = `
const bearer = document.querySelector('[data-bearer-call]');
bearer?.addEventListener('click', async () => {
  const out = document.querySelector('[data-bearer-out]');
  const token = document.querySelector('[data-access-token]').textContent.trim();
  const response = await fetch('/api/profile', { credentials: 'omit', headers: { authorization: 'Bearer ' + token, accept: 'application/json' } });
  out.textContent = response.status + ' ' + JSON.stringify(await response.json());
  out.dataset.status = String(response.status);
});
const watch = document.querySelector('[data-session-watch]');
if (watch) {
  const timer = setInterval(async () => {
    const response = await fetch('/api/me', { headers: { accept: 'application/json' } }).catch(() => null);
    if (response?.status !== 401) return;
    clearInterval(timer);
    watch.hidden = false;
  }, 250);
}
`;
