/** Sanctions (mutes, bans, suspensions): written by moderator actions, read on every write path. */
import { and, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { prepared, preparedName } from '../../db/prepared';
import { sanctions } from '../../db/schema';

export type SanctionRow = typeof sanctions.$inferSelect;

export const sanctionsRepository = {
  async insertSanction(db: Executor, values: typeof sanctions.$inferInsert): Promise<SanctionRow> {
    const [row] = await db.insert(sanctions).values(values).returning();
    if (!row) throw new Error('sanction insert returned nothing');
    return row;
  },

  /** Lifts the member's active mutes and bans in a space (unban). */
  async liftSanctions(db: Executor, userId: string, spaceId: string | null, kinds: SanctionRow['kind'][], at: Date) {
    return db
      .update(sanctions)
      .set({ liftedAt: at })
      .where(
        and(
          eq(sanctions.userId, userId),
          spaceId === null ? isNull(sanctions.spaceId) : eq(sanctions.spaceId, spaceId),
          inArray(sanctions.kind, kinds),
          isNull(sanctions.liftedAt),
        ),
      )
      .returning();
  },

  async liftSanctionByAudit(db: Executor, auditId: string, at: Date) {
    await db.update(sanctions).set({ liftedAt: at }).where(eq(sanctions.auditId, auditId));
  },

  /** Active sanctions of a member that apply in a space (its mutes/bans) or everywhere (suspensions). */
  /** Prepared (every post and reaction asks): one shape for site-wide only, one with a space. */
  async activeSanctions(db: Executor, userId: string, spaceId: string | null, now: Date): Promise<SanctionRow[]> {
    const siteWide = spaceId === null;
    const query = prepared(db, preparedName('sanctions_active', { siteWide }), (x, name) =>
      x
        .select()
        .from(sanctions)
        .where(
          and(
            eq(sanctions.userId, sql.placeholder('userId')),
            isNull(sanctions.liftedAt),
            or(isNull(sanctions.expiresAt), gt(sanctions.expiresAt, sql.placeholder('now'))),
            siteWide
              ? eq(sanctions.kind, 'suspend')
              : or(eq(sanctions.kind, 'suspend'), eq(sanctions.spaceId, sql.placeholder('spaceId'))),
          ),
        )
        .prepare(name),
    );
    return query.execute({ userId, now, ...(siteWide ? {} : { spaceId }) });
  },
};
