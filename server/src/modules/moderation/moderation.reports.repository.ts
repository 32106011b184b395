/** Reports: one open report per reporter and target, each on the target's review item. */
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { reports, users } from '../../db/schema';
import type { TargetType } from './moderation.queue.repository';

export type ReportRow = typeof reports.$inferSelect;

export const reportsRepository = {
  /** Inserts the report unless this reporter already has an open one on the target (then null). */
  async insertReport(db: Executor, values: typeof reports.$inferInsert): Promise<ReportRow | null> {
    const [row] = await db.insert(reports).values(values).onConflictDoNothing().returning();
    return row ?? null;
  },

  async findOpenReport(db: Executor, reporterId: string, targetType: TargetType, targetId: string) {
    const [row] = await db
      .select()
      .from(reports)
      .where(
        and(
          eq(reports.reporterId, reporterId),
          eq(reports.targetType, targetType),
          eq(reports.targetId, targetId),
          eq(reports.open, true),
        ),
      )
      .limit(1);
    return row ?? null;
  },

  async reportsOf(db: Executor, itemIds: string[]) {
    if (itemIds.length === 0) return [];
    return db
      .select({
        itemId: reports.itemId,
        reason: reports.reason,
        note: reports.note,
        reporterId: reports.reporterId,
        reporterCreatedAt: users.createdAt,
      })
      .from(reports)
      .innerJoin(users, eq(users.id, reports.reporterId))
      .where(inArray(reports.itemId, itemIds));
  },

  async closeReports(db: Executor, itemId: string): Promise<void> {
    await db.update(reports).set({ open: false }).where(eq(reports.itemId, itemId));
  },
};
