// A minimal cookie jar for the smoke test: name → value, updated from each response's Set-Cookie lines.
export function createCookieJar() {
  const cookies = new Map();
  return {
    /** Applies every Set-Cookie line; a cookie with Max-Age=0 or a past Expires is deleted. Returns the names written. */
    update(response) {
      const written = [];
      for (const line of response.headers.getSetCookie()) {
        const [pair = '', ...attributes] = line.split(';');
        const eq = pair.indexOf('=');
        if (eq <= 0) continue;
        const name = pair.slice(0, eq).trim();
        const deleted = attributes.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a) || (/^\s*expires\s*=/i.test(a) && Date.parse(a.split('=').slice(1).join('=')) < Date.now()));
        if (deleted) cookies.delete(name);
        else cookies.set(name, pair.slice(eq + 1).trim());
        written.push(name);
      }
      return written;
    },
    header() {
      return [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    },
    names() {
      return [...cookies.keys()];
    },
    snapshot() {
      return new Map(cookies);
    },
  };
}
