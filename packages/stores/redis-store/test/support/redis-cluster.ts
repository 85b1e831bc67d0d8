// Starts a real, throwaway Redis Cluster of three masters on loopback ports (temp dirs), restarts a node, tears it down.
import { execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Cluster, Redis, type ClusterOptions } from 'ioredis';
import { REDIS_CLI_BINARY, freePort, launchOnFreePort, launchRedisServer } from './redis-server.js';

const run = promisify(execFile);

export interface RedisClusterFixture {
  /** The masters' client ports. */
  readonly ports: readonly number[];
  /** A new Cluster client (all masters as startup nodes); the caller disconnects it, or `stop` does. */
  client(options?: ClusterOptions): Cluster;
  /** The port of the master that serves `key`'s hash slot. */
  ownerOf(key: string): Promise<number>;
  /** The first key matching `pattern` on any master, with that master's port. */
  locate(pattern: string): Promise<{ port: number; key: string } | undefined>;
  /** Kills the master on `port` (SIGKILL: no shutdown, its keys are gone) and starts it again on the same port and node config. */
  restart(port: number): Promise<void>;
  /** Kills every node, disconnects the clients made here and removes the temp dir. */
  stop(): Promise<void>;
}

/** A cluster node's flags: its own dir, a fixed bus port, a short node timeout so a restart is noticed quickly. */
function clusterFlags(busPort: number): string[] {
  return ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-port', String(busPort), '--cluster-node-timeout', '2000', '--dir', '.'];
}

/** Starts `masters` nodes, joins them with `redis-cli --cluster create`, and waits until every node reports `cluster_state:ok`. */
export async function startRedisCluster(masters = 3): Promise<RedisClusterFixture> {
  if (REDIS_CLI_BINARY === undefined) throw new Error('redis-cli not found');
  const cli = REDIS_CLI_BINARY;
  const root = mkdtempSync(join(tmpdir(), 'lockstep-redis-cluster-'));
  const nodes = new Map<number, { dir: string; busPort: number; child: ChildProcess }>();
  const clients = new Set<Redis | Cluster>();
  const stop = async (): Promise<void> => {
    for (const client of clients) client.disconnect();
    await Promise.all([...nodes.values()].map(({ child }) => killAndWait(child, 'SIGTERM')));
    rmSync(root, { recursive: true, force: true });
  };
  try {
    for (let index = 0; index < masters; index += 1) {
      const dir = join(root, `node-${index}`);
      mkdirSync(dir);
      // Cluster nodes need a client port and a bus port; redis-server cannot bind port 0 for either,
      // so both come from the OS first (retried if taken before the node binds them).
      const { port, child: node } = await launchOnFreePort(async (free) => {
        const busPort = await freePort();
        return { busPort, child: await launchRedisServer(free, clusterFlags(busPort), dir) };
      });
      nodes.set(port, { dir, ...node });
    }
    const ports = [...nodes.keys()];
    await run(cli, ['--cluster', 'create', ...ports.map((port) => `127.0.0.1:${port}`), '--cluster-replicas', '0', '--cluster-yes'], { timeout: 15_000 });
    await waitForClusterOk(cli, ports);

    const admin = (port: number): Redis => {
      const client = new Redis({ host: '127.0.0.1', port, lazyConnect: false, maxRetriesPerRequest: 1 });
      client.on('error', () => undefined);
      clients.add(client);
      return client;
    };
    return {
      ports,
      client(options = {}) {
        const client = new Cluster(
          ports.map((port) => ({ host: '127.0.0.1', port })),
          { clusterRetryStrategy: () => 100, retryDelayOnClusterDown: 100, retryDelayOnFailover: 100, slotsRefreshTimeout: 500, ...options },
        );
        // The tests stop nodes under connected clients on purpose; the store reports what matters.
        client.on('error', () => undefined);
        clients.add(client);
        return client;
      },
      async ownerOf(key) {
        const probe = admin(ports[0]!);
        const slot = (await probe.cluster('KEYSLOT', key)) as number;
        const ranges = await probe.cluster('SLOTS');
        probe.disconnect();
        clients.delete(probe);
        const owner = ranges.find(([from, to]) => slot >= from && slot <= to);
        if (owner === undefined) throw new Error(`no master serves slot ${slot}`);
        const [, , primary] = owner;
        if (primary === undefined) throw new Error(`slot ${slot} has no primary`);
        return primary[1];
      },
      async locate(pattern) {
        for (const port of ports) {
          const probe = admin(port);
          const [key] = await probe.keys(pattern);
          probe.disconnect();
          clients.delete(probe);
          if (key !== undefined) return { port, key };
        }
        return undefined;
      },
      async restart(port) {
        const node = nodes.get(port);
        if (node === undefined) throw new Error(`no node on port ${port}`);
        await killAndWait(node.child, 'SIGKILL');
        node.child = await launchRedisServer(port, clusterFlags(node.busPort), node.dir);
        await waitForClusterOk(cli, ports);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Polls `CLUSTER INFO` on every node (bounded: 15 s) until all report `cluster_state:ok`: the nodes
 * announce no event when gossip converges, so this is a bounded poll, not a fixed wait.
 */
async function waitForClusterOk(cli: string, ports: readonly number[]): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const states = await Promise.all(
      ports.map(async (port) => {
        try {
          const { stdout } = await run(cli, ['-h', '127.0.0.1', '-p', String(port), 'cluster', 'info'], { timeout: 2000 });
          return stdout.includes('cluster_state:ok');
        } catch {
          return false;
        }
      }),
    );
    if (states.every(Boolean)) return;
    if (Date.now() > deadline) throw new Error(`redis cluster not ok within 15 s (ports ${ports.join(', ')})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function killAndWait(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
