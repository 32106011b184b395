/**
 * Baselines for `npm run bench` (bench/README.md): the same Fastify instance, plugins and hooks as
 * the real API, but the smallest possible handler behind them. Registered only when KRING_BENCH=1.
 *
 * Frozen on purpose: every performance target is a ratio to these, so changing them moves every result.
 * B1 hello-world JSON, B2 a raw primary-key read, B5 a raw single-row insert; /bench/heap reports the
 * process heap (after a full GC when Node runs with --expose-gc) for the heap-per-connection measure.
 * B4 (plain Socket.IO broadcast) lives in bench/b4-server.ts, outside this app.
 */
import { z } from 'zod';
import type { AppContext, ZodApp } from '../context';

const BENCH_TABLE_SQL =
  'create table if not exists bench_writes (id bigserial primary key, body text not null, created_at timestamptz not null default now())';

export function benchBaselines(app: ZodApp, ctx: AppContext): void {
  const { database } = ctx;

  /** A raw query on the driver itself: no drizzle, no schema mapping. */
  async function raw<T>(text: string, params: unknown[] = []): Promise<T[]> {
    if (database.pool) return (await database.pool.query(text, params)).rows as T[];
    if (database.pglite) return (await database.pglite.query<T>(text, params)).rows;
    throw new Error('no database driver');
  }

  app.addHook('onReady', async () => {
    await raw(BENCH_TABLE_SQL);
  });

  const routeConfig = { config: { rateLimit: false }, schema: { hide: true } } as const;

  app.get('/bench/b1', routeConfig, async () => ({ hello: 'world' }));

  app.get(
    '/bench/b2/:id',
    { ...routeConfig, schema: { hide: true, params: z.object({ id: z.uuid() }) } },
    async (request, reply) => {
      const rows = await raw<{ id: string; number: number; html: string }>(
        'select id, number, html from posts where id = $1',
        [request.params.id],
      );
      const row = rows[0];
      if (!row) return reply.code(404).send({ error: { code: 'not_found', message: 'No such post' } });
      return row;
    },
  );

  app.post(
    '/bench/b5',
    { ...routeConfig, schema: { hide: true, body: z.object({ body: z.string().max(10_000) }) } },
    async (request, reply) => {
      const rows = await raw<{ id: string }>('insert into bench_writes (body) values ($1) returning id', [
        request.body.body,
      ]);
      return reply.code(201).send({ id: String(rows[0]?.id) });
    },
  );

  app.get('/bench/heap', routeConfig, async () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (gc) {
      gc();
      gc();
    }
    const memory = process.memoryUsage();
    return { heapUsed: memory.heapUsed, rss: memory.rss, gc: Boolean(gc) };
  });
}
