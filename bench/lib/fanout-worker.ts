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
 *
 * Readers speak the Socket.IO wire protocol over a bare WebSocket (engine.io v4: `0` open, `40` connect,
 * `2`/`3` ping/pong, `42[event,…]` events, `42<id>[…]`/`43<id>[…]` acks) and only look for the marker in
 * the frame: with 1,000 readers on a 2-core machine the full socket.io-client (parsing every frame into
 * objects) would measure itself instead of the server.
 */
import WebSocket from 'ws';
import { readWorkerSpec } from './worker-spec';

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

interface Reader {
  emitWithAck(event: string, payload: unknown): Promise<string>;
  close(): void;
}

/** One reader: a WebSocket speaking just enough of the Socket.IO protocol. */
function connectReader(url: string, onFrame: (text: string) => void): Promise<Reader> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    let nextAck = 0;
    const acks = new Map<number, (text: string) => void>();
    const reader: Reader = {
      emitWithAck(event, payload) {
        const id = nextAck++;
        return new Promise((resolveAck) => {
          const timer = setTimeout(() => {
            acks.delete(id);
            resolveAck('{"ok":false,"error":"timeout"}');
          }, 20_000);
          acks.set(id, (text) => {
            clearTimeout(timer);
            resolveAck(text);
          });
          ws.send(`42${id}${JSON.stringify([event, payload])}`);
        });
      },
      close: () => ws.close(),
    };
    ws.on('error', reject);
    ws.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      if (text === '2') ws.send('3');
      else if (text.startsWith('0')) ws.send('40');
      else if (text.startsWith('40')) resolve(reader);
      else if (text.startsWith('44')) reject(new Error(`connection refused: ${text}`));
      else if (text.startsWith('43')) {
        const match = /^43(\d+)/.exec(text);
        const id = Number(match?.[1]);
        acks.get(id)?.(text.slice(2 + String(id).length));
        acks.delete(id);
      } else onFrame(text);
    });
  });
}

async function main(): Promise<void> {
  const spec = await readWorkerSpec<FanoutSpec>();
  const runId = `m${process.pid}x`;
  const markerRe = new RegExp(`${runId}(\\d+)q`);
  const sent = new Map<number, { at: number; received: number; last: number }>();
  let delivered = 0;
  let joinRetries = 0;
  let payloadBytes = 0;

  const onFrame = (text: string) => {
    if (!text.startsWith('42["post:created"')) return;
    const now = performance.now();
    delivered++;
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
  const wsUrl = `${spec.url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
  const readers: Reader[] = [];
  for (let i = 0; i < spec.readers; i += 50) {
    const batch = Array.from({ length: Math.min(50, spec.readers - i) }, () => connectReader(wsUrl, onFrame));
    readers.push(...(await Promise.all(batch)));
  }
  const connectSeconds = (performance.now() - started) / 1000;
  await sleep(1_000);
  const heapAfter = await heap(spec.url);
  const heapPerConnection =
    heapBefore !== null && heapAfter !== null ? Math.max(0, (heapAfter - heapBefore) / spec.readers) : null;

  // Join in batches, like readers arriving over a few seconds; a join the server refuses under the burst
  // ("unavailable") is retried, one that is refused three times fails the run.
  const event = spec.mode === 'kring' ? 'thread:join' : 'join';
  for (let i = 0; i < readers.length; i += 50) {
    await Promise.all(
      readers.slice(i, i + 50).map(async (reader) => {
        for (let attempt = 1; ; attempt++) {
          const ack = await reader.emitWithAck(event, { threadId: spec.threadId });
          if (ack.includes('"ok":true')) return;
          if (attempt >= 3) throw new Error(`join refused: ${ack}`);
          joinRetries++;
          await sleep(200 * attempt);
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

  for (const reader of readers) reader.close();
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
