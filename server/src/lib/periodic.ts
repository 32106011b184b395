/**
 * A background job that runs every `intervalMs` (never twice at once; a failure is logged and retried at
 * the next tick), started by buildApp and stopped when it closes. The timer does not keep the process alive.
 */
import type { FastifyBaseLogger } from 'fastify';

export function startPeriodic(
  log: FastifyBaseLogger,
  what: string,
  intervalMs: number,
  work: () => Promise<unknown>,
): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    work()
      .catch((error: unknown) => log.warn({ err: error }, `${what} failed; will retry`))
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
