/** The audit log: every moderator action and admin change, written in the transaction of what it records. */
import { and, desc, eq, inArray, isNull, lt, ne, notLike, or, sql, type SQL } from 'drizzle-orm';
import type { AuditAction } from '@kring/shared';
import type { Executor } from '../../db/client';
import { appeals, auditEntries, users } from '../../db/schema';

export type AuditRow = typeof auditEntries.$inferSelect;

export const auditLogRepository = {
  async insertAudit(
    db: Executor,
    values: Omit<typeof auditEntries.$inferInsert, 'action'> & { action: AuditAction },
  ): Promise<AuditRow> {
    const [row] = await db.insert(auditEntries).values(values).returning();
    if (!row) throw new Error('audit insert returned nothing');
    return row;
  },

  async findAudit(db: Executor, id: string): Promise<AuditRow | null> {
    const [row] = await db.select().from(auditEntries).where(eq(auditEntries.id, id)).limit(1);
    return row ?? null;
  },

  async listAudit(
    db: Executor,
    filter: {
      spaceIds: readonly string[] | null;
      space?: string;
      actor?: string;
      action?: string;
      before?: { createdAt: Date; id: string };
      limit: number;
    },
  ) {
    const conditions: (SQL | undefined)[] = [];
    if (filter.spaceIds !== null) {
      if (filter.spaceIds.length === 0) return [];
      conditions.push(inArray(auditEntries.spaceId, [...filter.spaceIds]));
    }
    if (filter.space) conditions.push(eq(auditEntries.spaceId, filter.space));
    if (filter.actor) conditions.push(eq(auditEntries.actorId, filter.actor));
    if (filter.action) conditions.push(eq(auditEntries.action, filter.action));
    if (filter.before) {
      conditions.push(
        or(
          lt(auditEntries.createdAt, filter.before.createdAt),
          and(eq(auditEntries.createdAt, filter.before.createdAt), lt(auditEntries.id, filter.before.id)),
        ),
      );
    }
    return db
      .select({ entry: auditEntries, actorUsername: users.username })
      .from(auditEntries)
      .leftJoin(users, eq(users.id, auditEntries.actorId))
      .where(and(...conditions))
      .orderBy(desc(auditEntries.createdAt), desc(auditEntries.id))
      .limit(filter.limit);
  },

  /** Audited actions that concern a member's content or account (for the appeal flow). */
  /**
   * One page of the decisions about a member's content or account (newest first, keyset on created_at, id), each
   * with its appeal if there is one; `appealStatus` keeps only decisions whose appeal has that status.
   */
  async actionsConcerning(
    db: Executor,
    userId: string,
    options: { after: { createdAt: Date; id: string } | null; limit: number; appealStatus?: 'open' | 'decided' },
  ) {
    const conditions: (SQL | undefined)[] = [
      eq(auditEntries.subjectId, userId),
      or(isNull(auditEntries.actorId), ne(auditEntries.actorId, userId)),
      notLike(auditEntries.action, 'appeal_%'),
    ];
    if (options.appealStatus) conditions.push(eq(appeals.status, options.appealStatus));
    if (options.after) {
      conditions.push(
        sql`(${auditEntries.createdAt}, ${auditEntries.id}) < (${options.after.createdAt.toISOString()}::timestamptz, ${options.after.id}::uuid)`,
      );
    }
    return db
      .select({ entry: auditEntries, appeal: appeals })
      .from(auditEntries)
      .leftJoin(appeals, eq(appeals.auditId, auditEntries.id))
      .where(and(...conditions))
      .orderBy(desc(auditEntries.createdAt), desc(auditEntries.id))
      .limit(options.limit);
  },
};
