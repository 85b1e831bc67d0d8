// The HTTP benchmark's load generator, run in a child process so its CPU is not counted as the server's.
// Protocol (IPC): per LoadJob the parent sends, the child warms up, sends 'measuring', runs the measured load and sends the LoadResult; 'exit' ends it.
import autocannon from 'autocannon';

/** What to send: a warm-up of so many requests, then load for a bounded time, over a fixed number of connections. */
export interface LoadJob {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly connections: number;
  readonly warmupRequests: number;
  readonly seconds: number;
}

/** What the generator measured (client side). */
export interface LoadResult {
  readonly requests: number;
  readonly durationMs: number;
  readonly requestsPerSecond: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly non2xx: number;
  readonly errors: number;
}

function load(job: LoadJob, bound: { amount: number } | { duration: number }): Promise<autocannon.Result> {
  return autocannon({ url: job.url, headers: { ...job.headers }, connections: job.connections, pipelining: 1, ...bound });
}

process.on('message', (message: unknown) => {
  if (message === 'exit') process.exit(0);
  void (async () => {
    const job = message as LoadJob;
    await load(job, { amount: job.warmupRequests });
    process.send?.('measuring');
    const result = await load(job, { duration: job.seconds });
    // autocannon's own clock: from the first request to the end of the bounded run.
    const durationMs = result.duration * 1000;
    const out: LoadResult = {
      requests: result.requests.total,
      durationMs,
      requestsPerSecond: (result.requests.total / durationMs) * 1000,
      latencyP50Ms: result.latency.p50,
      latencyP99Ms: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
    };
    process.send?.(out);
  })();
});
