/** Appeals: one per audited action, decided by someone other than the moderator who acted. */
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { appeals, auditEntries } from '../../db/schema';

export type AppealRow = typeof appeals.$inferSelect;

/** Where appeals may come from: the moderated spaces (null = all, for admins); false = nowhere. */
function appealScope(spaceIds: readonly string[] | null): SQL | undefined | false {
  if (spaceIds === null) return undefined;
  if (spaceIds.length === 0) return false;
  return inArray(appeals.spaceId, [...spaceIds]);
}

export const appealsRepository = {
  async insertAppeal(db: Executor, values: typeof appeals.$inferInsert): Promise<AppealRow | null> {
    const [row] = await db.insert(appeals).values(values).onConflictDoNothing().returning();
    return row ?? null;
  },

  async lockAppeal(db: Executor, id: string): Promise<AppealRow | null> {
    const [row] = await db.select().from(appeals).where(eq(appeals.id, id)).for('update').limit(1);
    return row ?? null;
  },

  async updateAppeal(db: Executor, id: string, values: Partial<typeof appeals.$inferInsert>): Promise<AppealRow> {
    const [row] = await db.update(appeals).set(values).where(eq(appeals.id, id)).returning();
    if (!row) throw new Error('appeal vanished');
    return row;
  },

  /** One page of appeals for moderators, newest first (keyset on created_at, id), optionally of one status. */
  async listAppeals(
    db: Executor,
    filter: {
      spaceIds: readonly string[] | null;
      status?: 'open' | 'decided';
      after: { createdAt: Date; id: string } | null;
      limit: number;
    },
  ) {
    const scope = appealScope(filter.spaceIds);
    if (scope === false) return [];
    const conditions: (SQL | undefined)[] = [scope];
    if (filter.status) conditions.push(eq(appeals.status, filter.status));
    if (filter.after) {
      conditions.push(
        sql`(${appeals.createdAt}, ${appeals.id}) < (${filter.after.createdAt.toISOString()}::timestamptz, ${filter.after.id}::uuid)`,
      );
    }
    return db
      .select({ appeal: appeals, entry: auditEntries })
      .from(appeals)
      .innerJoin(auditEntries, eq(auditEntries.id, appeals.auditId))
      .where(and(...conditions))
      .orderBy(desc(appeals.createdAt), desc(appeals.id))
      .limit(filter.limit);
  },

  /** How many appeals wait for a decision in the moderated spaces (the screen's count, not just one page). */
  async countOpenAppeals(db: Executor, spaceIds: readonly string[] | null): Promise<number> {
    const scope = appealScope(spaceIds);
    if (scope === false) return 0;
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(appeals)
      .where(and(scope, eq(appeals.status, 'open')));
    return row?.n ?? 0;
  },
};
