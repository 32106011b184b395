/**
 * Periodic clean-up of what accounts leave behind, started by buildApp and stopped when it closes:
 * throttle rows idle for a day (they hold keyed IP hashes, so this keeps them far below the 14-day
 * limit), IP-hash keys older than two days (after which old hashes can no longer be linked to an
 * address), and expired sessions. Safe to run in several processes at once.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../context';
import { ipKeysRepository, throttleRepository } from './accounts.repository';
import { startPeriodic } from '../../lib/periodic';
import { utcDay } from './accounts.ip-hash';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

export async function runAccountMaintenance(ctx: Pick<AppContext, 'database' | 'clock' | 'sessions'>) {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const throttles = await throttleRepository.purgeIdle(db, new Date(now.getTime() - DAY), now);
  const ipKeys = await ipKeysRepository.deleteBefore(db, utcDay(new Date(now.getTime() - 2 * DAY)));
  await ctx.sessions.purgeExpired();
  return { throttles, ipKeys };
}

export function startAccountMaintenance(
  ctx: Pick<AppContext, 'database' | 'clock' | 'sessions'>,
  log: FastifyBaseLogger,
  intervalMs = HOUR,
): { stop(): void } {
  return startPeriodic(log, 'account maintenance', intervalMs, () => runAccountMaintenance(ctx));
}
