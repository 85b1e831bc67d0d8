// `/dashboard`: the overview inside the dashboard layout.
export default function Overview() {
  return <p>Open <a href="/dashboard/settings">Settings</a> or <a href="/admin">Admin</a>: client navigations are single-fetch `.data` requests, and they go through the same middleware.</p>;
}
