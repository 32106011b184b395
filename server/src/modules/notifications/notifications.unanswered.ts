/**
 * "Nobody left alone": a thread whose opening post has had no reply for the space's
 * `unanswered_after_hours` (default 12) notifies that space's moderators — once. A periodic job started
 * by buildApp and stopped on close. Safe with several processes: each thread is claimed by one
 * `UPDATE … WHERE unanswered_notified_at IS NULL RETURNING`, in the same transaction as its notifications.
 * Threads older than a week are left alone, so a first run on old data does not flood moderators.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../context';
import { startPeriodic } from '../../lib/periodic';
import { notificationsRepository } from './notifications.repository';
import type { PendingNotification } from '../../context';

const MINUTE = 60 * 1000;
const WEEK = 7 * 24 * 60 * MINUTE;

type JobContext = Pick<AppContext, 'database' | 'clock' | 'publisher' | 'notifier'>;

export async function runUnansweredCheck(ctx: JobContext): Promise<{ threads: number; notified: number }> {
  const db = ctx.database.db;
  const notifier = ctx.notifier;
  const now = ctx.clock.now();
  const { claimed, pending } = await db.transaction(async (tx) => {
    const rows = await notificationsRepository.claimUnansweredThreads(tx, now, new Date(now.getTime() - WEEK));
    const out: (PendingNotification | null)[] = [];
    for (const row of rows) {
      const moderators = await notificationsRepository.spaceModeratorIds(tx, row.spaceId, row.authorId);
      for (const userId of moderators) {
        out.push(
          await notifier.notify(tx, {
            userId,
            type: 'unanswered_thread',
            threadId: row.id,
            spaceId: row.spaceId,
            data: { threadTitle: row.title, spaceSlug: row.slug, spaceName: row.name },
          }),
        );
      }
    }
    return { claimed: rows.length, pending: out };
  });
  await notifier.deliver(pending);
  return { threads: claimed, notified: pending.filter(Boolean).length };
}

export function startUnansweredCheck(ctx: JobContext, log: FastifyBaseLogger, intervalMs = 5 * MINUTE) {
  return startPeriodic(log, 'unanswered-thread check', intervalMs, () => runUnansweredCheck(ctx));
}
