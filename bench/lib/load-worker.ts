/**
 * The HTTP load generator, run as its own process so it does not share an event loop with the server
 * or the orchestrator: `tsx bench/lib/load-worker.ts '<json LoadSpec>'` prints one JSON LoadResult.
 */
import autocannon from 'autocannon';
import { readWorkerSpec } from './worker-spec';

export interface LoadTarget {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  /** 'reply': a fresh reply body with a unique idempotency key per request; 'b5': the same size, raw. */
  body?: 'reply' | 'b5';
}

export interface LoadSpec {
  url: string;
  connections: number;
  duration: number;
  overallRate?: number;
  targets: LoadTarget[];
  /** Connection i always uses targets[i % n] (e.g. one writer per connection); otherwise random per request. */
  perConnection?: boolean;
}

export interface LoadResult {
  rps: number;
  total: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

const REPLY_TEXT =
  'Dank je wel voor het delen. Ik herken veel van wat je schrijft over de vermoeidheidsklachten na de ' +
  'ziekenhuisopname, en de **afspraak** bij de longarts was voor mij ook spannend. Sterkte deze week.';

async function main(): Promise<void> {
  const spec = await readWorkerSpec<LoadSpec>();
  let counter = 0;
  let nextConnection = 0;
  const prefix = `${process.pid}-${Date.now()}`;
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.duration,
    timeout: 10,
    ...(spec.overallRate ? { overallRate: Math.max(1, Math.round(spec.overallRate)) } : {}),
    requests: [
      {
        setupRequest(request, context) {
          if (context.slot === undefined) context.slot = nextConnection++;
          const slot = context.slot as number;
          const target = spec.perConnection
            ? spec.targets[slot % spec.targets.length]
            : spec.targets[Math.floor(Math.random() * spec.targets.length)];
          if (!target) return request;
          const headers: Record<string, string> = { ...(target.headers ?? {}) };
          let body: string | undefined;
          if (target.body) {
            counter++;
            headers['content-type'] = 'application/json';
            body =
              target.body === 'reply'
                ? JSON.stringify({ body: `${REPLY_TEXT} (${counter})`, idempotencyKey: `bench-${prefix}-${counter}` })
                : JSON.stringify({ body: `${REPLY_TEXT} (${counter})` });
          }
          return { ...request, method: target.method, path: target.path, headers, ...(body ? { body } : {}) };
        },
      },
    ],
  });
  const out: LoadResult = {
    rps: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
