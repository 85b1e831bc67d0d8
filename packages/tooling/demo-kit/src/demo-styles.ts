// The demos' whole stylesheet: one small inline block, so an app has no static files to serve for it.
/** The CSS, for a `<style>` element in every page's head. */
export const STYLES = `
:root { color-scheme: light dark; --accent: #3b82f6; --ok: #16a34a; --warn: #d97706; --bad: #dc2626; --muted: #6b7280; --card: rgba(127,127,127,.08); }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
header { display: flex; align-items: center; gap: 1.25rem; padding: .75rem 1.5rem; border-bottom: 1px solid rgba(127,127,127,.25); }
header .brand { font-weight: 700; letter-spacing: .02em; }
header .brand span { color: var(--accent); }
header nav { display: flex; gap: 1rem; flex: 1; }
header form { margin: 0; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
main { max-width: 52rem; margin: 2rem auto; padding: 0 1.5rem; }
h1 { margin: 0 0 1rem; font-size: 1.6rem; }
.card { background: var(--card); border-radius: .75rem; padding: 1rem 1.25rem; margin: 1rem 0; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 1rem; }
.label { color: var(--muted); font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; }
.big { overflow-wrap: anywhere; font-size: 1.5rem; font-variant-numeric: tabular-nums; font-weight: 600; }
.muted { color: var(--muted); }
.badge { display: inline-block; padding: .05rem .5rem; border-radius: 999px; font-size: .8rem; background: var(--card); }
.ok { color: var(--ok); } .badge.warn { color: var(--warn); } .badge.bad { color: var(--bad); }
table { width: 100%; border-collapse: collapse; font-size: .9rem; }
td, th { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid rgba(127,127,127,.15); }
code { font-size: .9em; }
form.stack { display: grid; gap: .75rem; max-width: 22rem; }
form.stack label { display: grid; gap: .25rem; }
input { font: inherit; padding: .5rem .6rem; border: 1px solid rgba(127,127,127,.4); border-radius: .4rem; background: transparent; color: inherit; }
button { font: inherit; padding: .45rem .9rem; border: 0; border-radius: .4rem; background: var(--accent); color: white; cursor: pointer; }
button.quiet { background: transparent; color: var(--accent); border: 1px solid var(--accent); }
.error { color: var(--bad); font-weight: 600; }
`;
