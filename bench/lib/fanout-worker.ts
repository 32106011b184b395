/**
 * The live fan-out harness (S6 and B4), run as its own process:
 * `tsx bench/lib/fanout-worker.ts '<json FanoutSpec>'` prints one JSON FanoutResult.
 *
 * 1. Heap per idle connection: the server's heap (after GC) before and after `readers` sockets connect.
 * 2. Paced phase: `rate` posts per second; for each post the time from sending the POST until the last
 *    reader received it ("POST to the last reader"), p50/p99 over the posts.
 * 3. Saturation: `writers` POST loops as fast as the server answers; delivered messages per second,
 *    counted over every reader.
 * Posts are recognised by a marker in their text, so it does not matter whether the event or the HTTP
 * response arrives first.
 */
import { io, type Socket } from 'socket.io-client';

export interface FanoutSpec {
  mode: 'kring' | 'b4';
  /** Base URL of the server under test (Socket.IO and HTTP on the same port). */
  url: string;
  threadId: string;
  /** POST target that creates one message; the body carries the marker. */
  publishPath: string;
  headers: Record<string, string>;
  readers: number;
  rate: number;
  seconds: number;
  saturationSeconds: number;
  writers: number;
  /** B4 only: the size of the broadcast payload (measured on Kring's post:created). */
  payloadBytes?: number;
}

export interface FanoutResult {
  readers: number;
  connectSeconds: number;
  heapPerConnection: number | null;
  posts: number;
  p50: number;
  p99: number;
  missing: number;
  deliveredPerSecond: number;
  publishedPerSecond: number;
  payloadBytes: number;
  joinRetries: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? NaN;
}

async function heap(url: string): Promise<number | null> {
  try {
    const res = await fetch(`${url}/bench/heap`);
    if (!res.ok) return null;
    const body = (await res.json()) as { heapUsed: number };
    return body.heapUsed;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '{}') as FanoutSpec;
  const runId = `m${process.pid}x`;
  const markerRe = new RegExp(`${runId}(\\d+)q`);
  const sent = new Map<number, { at: number; received: number; last: number }>();
  let delivered = 0;
  let joinRetries = 0;
  let payloadBytes = 0;

  const onMessage = (payload: unknown) => {
    const now = performance.now();
    delivered++;
    const text = JSON.stringify(payload);
    if (payloadBytes === 0) payloadBytes = Buffer.byteLength(text);
    const match = markerRe.exec(text);
    if (!match) return;
    const entry = sent.get(Number(match[1]));
    if (!entry) return;
    entry.received++;
    entry.last = now;
  };

  const heapBefore = await heap(spec.url);
  const started = performance.now();
  const sockets: Socket[] = [];
  for (let i = 0; i < spec.readers; i += 50) {
    const batch: Promise<void>[] = [];
    for (let j = i; j < Math.min(spec.readers, i + 50); j++) {
      const socket = io(spec.url, {
        path: '/socket.io',
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
      });
      sockets.push(socket);
      batch.push(
        new Promise((resolve, reject) => {
          socket.once('connect', () => resolve());
          socket.once('connect_error', (error) => reject(error));
        }),
      );
    }
    await Promise.all(batch);
  }
  const connectSeconds = (performance.now() - started) / 1000;
  await sleep(1_000);
  const heapAfter = await heap(spec.url);
  const heapPerConnection =
    heapBefore !== null && heapAfter !== null ? Math.max(0, (heapAfter - heapBefore) / spec.readers) : null;

  for (const socket of sockets) socket.on('post:created', onMessage);
  // Join in batches, like readers arriving over a few seconds; a join the server refuses under the burst
  // ("unavailable") is retried, one that is refused three times fails the run.
  const join = (socket: Socket) =>
    new Promise<void>((resolve, reject) => {
      const event = spec.mode === 'kring' ? 'thread:join' : 'join';
      socket.timeout(20_000).emit(event, { threadId: spec.threadId }, (error: Error | null, ack: { ok: boolean }) => {
        if (error || !ack?.ok) reject(error ?? new Error(`join refused: ${JSON.stringify(ack)}`));
        else resolve();
      });
    });
  for (let i = 0; i < sockets.length; i += 50) {
    await Promise.all(
      sockets.slice(i, i + 50).map(async (socket) => {
        for (let attempt = 1; ; attempt++) {
          try {
            return await join(socket);
          } catch (error) {
            if (attempt >= 3) throw error;
            joinRetries++;
            await sleep(200 * attempt);
          }
        }
      }),
    );
  }

  let seq = 0;
  async function publish(): Promise<void> {
    const n = ++seq;
    const marker = `${runId}${n}q`;
    const text = `Live bericht ${marker}: ik lees met jullie mee en herken de vermoeidheidsklachten.`;
    const body =
      spec.mode === 'kring'
        ? { body: text, idempotencyKey: `fan-${marker}` }
        : { body: text, size: spec.payloadBytes ?? 600 };
    sent.set(n, { at: performance.now(), received: 0, last: 0 });
    const res = await fetch(`${spec.url}${spec.publishPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...spec.headers },
      body: JSON.stringify(body),
    });
    await res.arrayBuffer();
    if (res.status >= 300) throw new Error(`publish answered ${res.status}`);
  }

  // Paced phase.
  const paced: Promise<void>[] = [];
  const interval = 1000 / spec.rate;
  const pacedStart = performance.now();
  for (let i = 0; i < spec.rate * spec.seconds; i++) {
    const due = pacedStart + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    paced.push(publish());
  }
  await Promise.all(paced);
  await sleep(1_000);
  const latencies: number[] = [];
  let missing = 0;
  for (const entry of sent.values()) {
    if (entry.received < spec.readers) missing += spec.readers - entry.received;
    if (entry.received > 0) latencies.push(entry.last - entry.at);
  }
  latencies.sort((a, b) => a - b);
  const pacedPosts = sent.size;

  // Saturation phase.
  const deliveredBefore = delivered;
  const satStart = performance.now();
  const satEnd = satStart + spec.saturationSeconds * 1000;
  let published = 0;
  await Promise.all(
    Array.from({ length: spec.writers }, async () => {
      while (performance.now() < satEnd) {
        await publish();
        published++;
      }
    }),
  );
  const satSeconds = (performance.now() - satStart) / 1000;
  const deliveredPerSecond = (delivered - deliveredBefore) / satSeconds;

  for (const socket of sockets) socket.disconnect();
  const result: FanoutResult = {
    readers: spec.readers,
    connectSeconds,
    heapPerConnection,
    posts: pacedPosts,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    missing,
    deliveredPerSecond,
    publishedPerSecond: published / satSeconds,
    payloadBytes,
    joinRetries,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
