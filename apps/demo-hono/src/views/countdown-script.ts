// The one inline script of the pages: ticks the countdowns and fires the parallel /api/me burst.
// Countdowns start from seconds rendered by the server (on its clock), so a mock clock that was moved
// forward still shows the right remaining time.
export const PAGE_SCRIPT = `
const format = (s) => s >= 60 ? Math.floor(s / 60) + 'm ' + String(s % 60).padStart(2, '0') + 's' : s + 's';
for (const el of document.querySelectorAll('[data-countdown]')) {
  const end = performance.now() + Number(el.dataset.countdown) * 1000;
  const tick = () => {
    const left = Math.max(0, Math.round((end - performance.now()) / 1000));
    el.textContent = left > 0 ? format(left) : el.dataset.done;
  };
  tick();
  setInterval(tick, 1000);
}
const burst = document.querySelector('[data-burst]');
burst?.addEventListener('click', async () => {
  const out = document.querySelector('[data-burst-out]');
  out.textContent = 'sending 8 requests…';
  const statuses = await Promise.all(Array.from({ length: 8 }, () =>
    fetch('/api/me', { headers: { accept: 'application/json' } }).then((r) => r.status, () => 'network error')));
  out.textContent = 'statuses: ' + statuses.join(', ') + ' (reload to see the refresh events)';
});
`;
