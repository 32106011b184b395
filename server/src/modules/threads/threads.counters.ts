/**
 * Folds the spaces' pending counter changes (`space_counter_deltas`, written by every post and thread
 * write instead of updating the space row) into the spaces' columns every few seconds. Reads add what is
 * pending, so this only keeps that table small; started by buildApp, stopped when it closes, and safe in
 * several processes at once (each fold skips rows another one holds).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../context';
import { startPeriodic } from '../../lib/periodic';
import { threadsRepository } from './threads.repository';

export const FOLD_INTERVAL_MS = 5_000;

/** Folds everything pending now (in batches), e.g. before a maintenance task that reads the raw columns. */
export async function foldAllSpaceCounters(ctx: Pick<AppContext, 'database'>): Promise<number> {
  let total = 0;
  for (;;) {
    const folded = await threadsRepository.foldSpaceCounters(ctx.database.db);
    total += folded;
    if (folded === 0) return total;
  }
}

export function startSpaceCounterFold(
  ctx: Pick<AppContext, 'database'>,
  log: FastifyBaseLogger,
  intervalMs = FOLD_INTERVAL_MS,
): { stop(): void } {
  return startPeriodic(log, 'folding space counters', intervalMs, () => foldAllSpaceCounters(ctx));
}
