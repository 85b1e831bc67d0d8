// Go's `time.ParseDuration` for `ban_duration` ("24h", "1h30m", "-5m", "100ms"), with Go's error text.

const UNIT_MS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const DURATION_RE = /^[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/;
const PART_RE = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g;

/** Milliseconds, or Go's error message (`time: invalid duration "x"`). */
export function parseGoDuration(text: string): { kind: 'ok'; ms: number } | { kind: 'invalid'; message: string } {
  if (text === '0' || text === '+0' || text === '-0') return { kind: 'ok', ms: 0 };
  if (/^[-+]?[\d.]+$/.test(text)) return { kind: 'invalid', message: `time: missing unit in duration ${JSON.stringify(text)}` };
  if (!DURATION_RE.test(text)) {
    return { kind: 'invalid', message: `time: invalid duration ${JSON.stringify(text)}` };
  }
  let total = 0;
  for (const match of text.matchAll(PART_RE)) total += Number(match[1]) * (UNIT_MS[match[2] ?? 's'] ?? 0);
  return { kind: 'ok', ms: text.startsWith('-') ? -total : total };
}
