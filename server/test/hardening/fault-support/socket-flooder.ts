/**
 * A flooding Socket.IO client in its own worker thread, so its work (encoding 10,000 emits) does not run on
 * the event loop of the server under test: it floods the way a separate attacking machine would.
 */
import { Worker } from 'node:worker_threads';

export interface FloodResult {
  /** Acks by outcome: `ok` (the handler ran), `rate_limited`, or any other error code. */
  acks: Record<string, number>;
  /** Emits that got no ack before the server ended the connection. */
  unanswered: number;
  /** The client's disconnect reason ('io server disconnect' when the server ended it). */
  reason: string;
}

export interface FloodOptions {
  baseUrl: string;
  event: string;
  count: number;
  /** `{ threadId }` of one thread, `{ threadId: <a new random id each time> }`, or `{ slug }`. */
  payload: { threadId: string } | { randomThreadId: true } | { slug: string };
  cookie?: string;
  /** Give up (and fail) after this long. */
  timeoutMs: number;
}

// Plain JavaScript: evaluated by the worker as CommonJS; socket.io-client resolves from the repository.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { randomUUID } = require('node:crypto');
const { io } = require('socket.io-client');
const { baseUrl, event, count, payload, cookie, timeoutMs } = workerData;
const socket = io(baseUrl, {
  path: '/socket.io',
  transports: ['websocket'],
  reconnection: false,
  forceNew: true,
  extraHeaders: cookie ? { cookie } : {},
});
const acks = {};
let answered = 0;
const timer = setTimeout(() => finish('timeout'), timeoutMs);
function finish(reason) {
  clearTimeout(timer);
  parentPort.postMessage({ acks, unanswered: count - answered, reason });
  socket.close();
}
socket.on('disconnect', (reason) => finish(reason));
socket.on('connect_error', () => finish('connect_error'));
socket.once('hello', () => {
  parentPort.postMessage('flooding');
  for (let i = 0; i < count; i += 1) {
    const body = payload.randomThreadId ? { threadId: randomUUID() } : payload;
    socket.emit(event, body, (ack) => {
      answered += 1;
      const key = ack && ack.ok ? 'ok' : String(ack && ack.error);
      acks[key] = (acks[key] || 0) + 1;
    });
  }
});
`;

/**
 * Connects, floods, and resolves once the connection ended. `onStart` runs when the flood begins (after the
 * handshake), so health polling can start exactly then.
 */
export function floodFromWorker(options: FloodOptions, onStart: () => void): Promise<FloodResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: options });
    worker.on('message', (message: FloodResult | 'flooding') => {
      if (message === 'flooding') {
        onStart();
        return;
      }
      resolve(message);
      void worker.terminate();
    });
    worker.on('error', reject);
  });
}
