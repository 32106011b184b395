/**
 * S6 live fan-out, one process versus two processes through Redis (issue 9). `npm run bench` runs it as a
 * worker (`tsx bench/s6-multiprocess.ts '<json spec>'` prints one JSON line) and puts it in the same table;
 * it also runs on its own:
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test BENCH_REDIS_URL=redis://127.0.0.1:6379 \
 *     node_modules/.bin/tsx bench/s6-multiprocess.ts [--readers 1000] [--seconds 10]
 *
 * For each setup (1 process without Redis; 2 processes with Redis, readers split evenly, replies posted
 * through both) on a fresh PostgreSQL database:
 *  - latency: 5 replies/s for `seconds`; per reply, the time from sending the POST to the moment the last
 *    reader has it (p50/p99);
 *  - saturation: replies as fast as 8 concurrent writers can post for `seconds`; delivered messages/s
 *    (replies × readers that received them).
 * Prints a table and writes bench/results/s6-multiprocess-<date>.json. The readers run in this process,
 * so on a small machine the client side shares the CPU with the servers: compare the ratio, not the
 * absolute numbers.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io as connectClient, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@kring/shared';
import { createMember, type TestMember } from '../server/test/factories/members';
import { createTestSpace, startThread } from '../server/test/factories/threads';
import { startCluster, sleep, type Cluster } from '../server/test/multiprocess/harness';
import { readWorkerSpec, startedAsWorker } from './lib/worker-spec';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

function arg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Worker mode: `{ readers, seconds, databaseUrl, redisUrl }` as the first argument. */
export interface MultiprocessSpec {
  readers: number;
  seconds: number;
  databaseUrl: string;
  redisUrl: string;
}
const workerSpec: MultiprocessSpec | null = startedAsWorker() ? await readWorkerSpec<MultiprocessSpec>() : null;
if (workerSpec) process.env.BENCH_REDIS_URL = workerSpec.redisUrl;

const READERS = workerSpec?.readers ?? arg('readers', 1000);
const SECONDS = workerSpec?.seconds ?? arg('seconds', 10);
const WRITERS = 8;

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export interface SetupResult {
  setup: string;
  processes: number;
  readers: number;
  latency: { replies: number; p50Ms: number; p99Ms: number; incomplete: number };
  saturation: { replies: number; delivered: number; seconds: number; deliveredPerSecond: number };
}

async function runSetup(processes: number): Promise<SetupResult> {
  // One process: no Redis (today's single-process mode). Two: through Redis.
  const cluster: Cluster = await startCluster({
    count: processes,
    redisUrl: processes > 1 ? (process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379') : '',
  });
  const clients: Client[] = [];
  try {
    await createTestSpace(cluster.fixtures, { slug: 'bench-s6' });
    const writers: TestMember[] = [];
    for (let i = 0; i < WRITERS; i++) writers.push(await createMember(cluster.fixtures));
    const { thread } = await startThread(cluster.fixtures, writers[0]!, 'bench-s6');

    // number → readers that have it, and when the last one got it.
    const received = new Map<number, { count: number; last: number }>();
    for (let i = 0; i < READERS; i++) {
      const proc = cluster.processes[i % processes]!;
      const client: Client = connectClient(proc.url, {
        path: '/socket.io',
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
      });
      client.on('post:created', ({ post }) => {
        const entry = received.get(post.number) ?? { count: 0, last: 0 };
        entry.count++;
        entry.last = performance.now();
        received.set(post.number, entry);
      });
      clients.push(client);
    }
    await Promise.all(
      clients.map(
        (client) =>
          new Promise<void>((resolve, reject) => {
            client.once('hello', () => resolve());
            client.once('connect_error', reject);
          }),
      ),
    );
    for (const client of clients) await client.timeout(30_000).emitWithAck('thread:join', { threadId: thread.id });
    await sleep(1_000);

    let turn = 0;
    const post = async (): Promise<number> => {
      const writer = writers[turn % WRITERS]!;
      const proc = cluster.processes[turn % processes]!;
      turn++;
      const res = await fetch(`${proc.url}/api/threads/${thread.id}/posts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: writer.cookie },
        body: JSON.stringify({ body: `Meting ${turn}`, idempotencyKey: `k-${randomUUID()}` }),
      });
      if (res.status !== 201) throw new Error(`reply failed: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { post: { number: number } }).post.number;
    };

    // Latency at 5 replies/s.
    const sent: { number: number; at: number }[] = [];
    const pending: Promise<void>[] = [];
    const total = 5 * SECONDS;
    const start = performance.now();
    for (let i = 0; i < total; i++) {
      const due = start + i * 200;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const at = performance.now();
      pending.push(post().then((number) => void sent.push({ number, at })));
    }
    await Promise.all(pending);
    await sleep(3_000);
    const latencies: number[] = [];
    let incomplete = 0;
    for (const { number, at } of sent) {
      const entry = received.get(number);
      if (!entry || entry.count < READERS) incomplete++;
      else latencies.push(entry.last - at);
    }

    // Saturation: as many replies as WRITERS concurrent writers can post.
    const before = [...received.values()].reduce((sum, e) => sum + e.count, 0);
    const satStart = performance.now();
    const satEnd = satStart + SECONDS * 1_000;
    let replies = 0;
    await Promise.all(
      Array.from({ length: WRITERS }, async () => {
        while (performance.now() < satEnd) {
          await post();
          replies++;
        }
      }),
    );
    // Wait until delivery drains (or 30 s), then count.
    const expected = before + replies * READERS;
    const drainDeadline = performance.now() + 30_000;
    let delivered = 0;
    while (performance.now() < drainDeadline) {
      delivered = [...received.values()].reduce((sum, e) => sum + e.count, 0) - before;
      if (before + delivered >= expected) break;
      await sleep(100);
    }
    const lastArrival = Math.max(...[...received.values()].map((e) => e.last));
    const seconds = (lastArrival - satStart) / 1_000;

    return {
      setup: processes === 1 ? '1 process, no Redis' : `${processes} processes, Redis Streams adapter`,
      processes,
      readers: READERS,
      latency: {
        replies: sent.length,
        p50Ms: Math.round(percentile(latencies, 50) * 10) / 10,
        p99Ms: Math.round(percentile(latencies, 99) * 10) / 10,
        incomplete,
      },
      saturation: {
        replies,
        delivered,
        seconds: Math.round(seconds * 100) / 100,
        deliveredPerSecond: Math.round(delivered / seconds),
      },
    };
  } finally {
    for (const client of clients) client.close();
    await cluster.close();
  }
}

export interface MultiprocessResult {
  readers: number;
  seconds: number;
  results: SetupResult[];
  ratio: number;
  target: number;
  pass: boolean;
}

async function main(): Promise<void> {
  if (workerSpec) {
    process.env.TEST_DATABASE_URL = workerSpec.databaseUrl;
    const one = await runSetup(1);
    const two = await runSetup(2);
    const ratio = two.saturation.deliveredPerSecond / one.saturation.deliveredPerSecond;
    const out: MultiprocessResult = {
      readers: READERS,
      seconds: SECONDS,
      results: [one, two],
      ratio,
      target: 0.6,
      pass: ratio >= 0.6,
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
    return;
  }
  if (!process.env.BENCH_DATABASE_URL) {
    console.error('Set BENCH_DATABASE_URL (a PostgreSQL URL whose user may create databases).');
    process.exit(1);
  }
  // The harness creates its databases from TEST_DATABASE_URL.
  process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;

  const single = await runSetup(1);
  const double = await runSetup(2);
  const ratio = double.saturation.deliveredPerSecond / single.saturation.deliveredPerSecond;
  const result = {
    scenario: 'S6 live fan-out, multi-process',
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? '',
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    readers: READERS,
    seconds: SECONDS,
    results: [single, double],
    ratio: Math.round(ratio * 1000) / 1000,
    target: 0.6,
    pass: ratio >= 0.6,
  };

  const lines = [
    `S6 fan-out, ${READERS} readers in one thread (${os.cpus().length} cores, ${process.version})`,
    '',
    '| setup | p50 ms (5/s) | p99 ms (5/s) | incomplete | replies at saturation | delivered msg/s |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...[single, double].map(
      (r) =>
        `| ${r.setup} | ${r.latency.p50Ms} | ${r.latency.p99Ms} | ${r.latency.incomplete} | ${r.saturation.replies} | ${r.saturation.deliveredPerSecond} |`,
    ),
    '',
    `2 processes / 1 process, delivered messages/s: ${(ratio * 100).toFixed(1)}% (target ≥ 60%: ${result.pass ? 'pass' : 'FAIL'})`,
  ];
  console.log(lines.join('\n'));
  const dir = path.resolve(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `s6-multiprocess-${result.date.slice(0, 10)}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(file.replace(/\.json$/, '.md'), `${lines.join('\n')}\n`);
  console.log(`\nwritten: ${path.relative(process.cwd(), file)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
