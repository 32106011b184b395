/**
 * Moderation rows: review items and the reports on them, sanctions, appeals, watched words, and the
 * status/flag changes moderators make to posts and threads. Accepts an `Executor` so every call can run
 * inside the transaction that also writes the audit entry.
 */
import { and, asc, desc, eq, gt, inArray, isNull, lt, ne, notLike, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { prepared, preparedName } from '../../db/prepared';
import {
  appeals,
  auditEntries,
  moderationItems,
  posts,
  reasonTemplates,
  reports,
  sanctions,
  spaces,
  threads,
  users,
  watchedWords,
  postFields,
  threadFields,
  type PostRow,
} from '../../db/schema';

export type ItemRow = typeof moderationItems.$inferSelect;
export type ReportRow = typeof reports.$inferSelect;
export type SanctionRow = typeof sanctions.$inferSelect;
export type AppealRow = typeof appeals.$inferSelect;
export type AuditRow = typeof auditEntries.$inferSelect;
export type ReasonTemplateRow = typeof reasonTemplates.$inferSelect;
export type WatchedWordRow = typeof watchedWords.$inferSelect;
export type TargetType = ItemRow['targetType'];

export interface QueueFilter {
  /** Null: every space (admins); otherwise only these spaces. */
  spaceIds: readonly string[] | null;
  status?: ItemRow['status'];
  /** Keyset: items strictly after this sort position. */
  after?: { atRisk: boolean; weight: number; createdAt: Date; id: string };
  limit: number;
}

/** The unresolved review item of a target (at most one: a partial unique index). */
function selectOpenItem(db: Executor, type: TargetType, id: string) {
  return db
    .select()
    .from(moderationItems)
    .where(
      and(
        eq(moderationItems.targetType, type),
        eq(moderationItems.targetId, id),
        ne(moderationItems.status, 'resolved'),
      ),
    );
}

/** Where appeals may come from: the moderated spaces (null = all, for admins); false = nowhere. */
function appealScope(spaceIds: readonly string[] | null): SQL | undefined | false {
  if (spaceIds === null) return undefined;
  if (spaceIds.length === 0) return false;
  return inArray(appeals.spaceId, [...spaceIds]);
}

export const moderationRepository = {
  async findItem(db: Executor, id: string): Promise<ItemRow | null> {
    const [row] = await db.select().from(moderationItems).where(eq(moderationItems.id, id)).limit(1);
    return row ?? null;
  },

  async lockItem(db: Executor, id: string): Promise<ItemRow | null> {
    const [row] = await db.select().from(moderationItems).where(eq(moderationItems.id, id)).for('update').limit(1);
    return row ?? null;
  },

  /** The unresolved item for a target, created when missing (the partial unique index keeps it single). */
  async openItemFor(
    db: Executor,
    target: { type: TargetType; id: string; spaceId: string | null },
    now: Date,
  ): Promise<ItemRow> {
    await db
      .insert(moderationItems)
      .values({ targetType: target.type, targetId: target.id, spaceId: target.spaceId, createdAt: now, updatedAt: now })
      .onConflictDoNothing();
    const [row] = await selectOpenItem(db, target.type, target.id).for('update').limit(1);
    if (!row) throw new Error('moderation item missing after upsert');
    return row;
  },

  /**
   * The unresolved item for a target, locked, or null (unlike `openItemFor`, never creates one). An item
   * another transaction holds is skipped: that is the queue resolving it (item lock, then the post's), and
   * waiting for it while holding the post's lock would deadlock.
   */
  async findOpenItemFor(db: Executor, type: TargetType, id: string): Promise<ItemRow | null> {
    const [row] = await selectOpenItem(db, type, id).for('update', { skipLocked: true }).limit(1);
    return row ?? null;
  },

  async updateItem(db: Executor, id: string, values: Partial<typeof moderationItems.$inferInsert>): Promise<ItemRow> {
    const [row] = await db
      .update(moderationItems)
      .set({ ...values, version: sql`${moderationItems.version} + 1` })
      .where(eq(moderationItems.id, id))
      .returning();
    if (!row) throw new Error('moderation item vanished');
    return row;
  },

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

  async listItems(db: Executor, filter: QueueFilter): Promise<ItemRow[]> {
    const conditions: (SQL | undefined)[] = [];
    if (filter.spaceIds !== null) {
      if (filter.spaceIds.length === 0) return [];
      conditions.push(inArray(moderationItems.spaceId, [...filter.spaceIds]));
    }
    if (filter.status) conditions.push(eq(moderationItems.status, filter.status));
    else conditions.push(ne(moderationItems.status, 'resolved'));
    const a = filter.after;
    if (a) {
      // (atRisk desc, weight desc, createdAt asc, id asc)
      conditions.push(
        sql`(case when ${moderationItems.atRisk} then 0 else 1 end, -${moderationItems.weight}, ${moderationItems.createdAt}, ${moderationItems.id}) > (${a.atRisk ? 0 : 1}, ${-a.weight}, ${a.createdAt.toISOString()}::timestamptz, ${a.id}::uuid)`,
      );
    }
    return db
      .select()
      .from(moderationItems)
      .where(and(...conditions))
      .orderBy(
        desc(moderationItems.atRisk),
        desc(moderationItems.weight),
        asc(moderationItems.createdAt),
        asc(moderationItems.id),
      )
      .limit(filter.limit);
  },

  async countOpen(db: Executor, spaceIds: readonly string[] | null): Promise<number> {
    if (spaceIds !== null && spaceIds.length === 0) return 0;
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(moderationItems)
      .where(
        and(
          eq(moderationItems.status, 'open'),
          spaceIds === null ? undefined : inArray(moderationItems.spaceId, [...spaceIds]),
        ),
      );
    return row?.n ?? 0;
  },

  async spacesByIds(db: Executor, ids: string[]) {
    if (ids.length === 0) return [];
    return db
      .select({ id: spaces.id, slug: spaces.slug, name: spaces.name })
      .from(spaces)
      .where(inArray(spaces.id, ids));
  },

  async usernames(db: Executor, ids: string[]): Promise<Map<string, string>> {
    const result = new Map<string, string>();
    if (ids.length === 0) return result;
    const rows = await db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.id, ids));
    for (const row of rows) result.set(row.id, row.username);
    return result;
  },

  async findUser(db: Executor, id: string) {
    const [row] = await db
      .select({ id: users.id, username: users.username, createdAt: users.createdAt, role: users.role })
      .from(users)
      .where(eq(users.id, id))
      .limit(1);
    return row ?? null;
  },

  async postsByIds(db: Executor, ids: string[]) {
    if (ids.length === 0) return [];
    return db
      .select({
        post: postFields,
        threadTitle: threads.title,
        spaceId: threads.spaceId,
        authorUsername: users.username,
      })
      .from(posts)
      .innerJoin(threads, eq(threads.id, posts.threadId))
      .leftJoin(users, eq(users.id, posts.authorId))
      .where(inArray(posts.id, ids));
  },

  async threadsByIds(db: Executor, ids: string[]) {
    if (ids.length === 0) return [];
    return db
      .select({ thread: threadFields, authorUsername: users.username })
      .from(threads)
      .leftJoin(users, eq(users.id, threads.authorId))
      .where(inArray(threads.id, ids));
  },

  async setPostStatus(db: Executor, id: string, status: PostRow['status']): Promise<PostRow> {
    const [row] = await db
      .update(posts)
      // `deleted_at` records the author's own deletion (or account erasure) only: a moderator's removal
      // leaves it null, so `restore_post` can tell the two apart and never resurrect what its author deleted.
      .set({ status })
      .where(eq(posts.id, id))
      .returning(postFields);
    if (!row) throw new Error('post vanished');
    return row;
  },

  async setPostLabel(db: Executor, id: string, label: string | null) {
    const [row] = await db.update(posts).set({ label }).where(eq(posts.id, id)).returning(postFields);
    if (!row) throw new Error('post vanished');
    return row;
  },

  async lockPost(db: Executor, id: string) {
    const [row] = await db.select(postFields).from(posts).where(eq(posts.id, id)).for('update').limit(1);
    return row ?? null;
  },

  async setThreadFlags(db: Executor, id: string, values: { locked?: boolean; pinned?: boolean; spaceId?: string }) {
    const [row] = await db.update(threads).set(values).where(eq(threads.id, id)).returning(threadFields);
    if (!row) throw new Error('thread vanished');
    return row;
  },

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

  async insertAudit(db: Executor, values: typeof auditEntries.$inferInsert): Promise<AuditRow> {
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

  async watchedWordsFor(db: Executor, spaceId: string): Promise<WatchedWordRow[]> {
    const query = prepared(db, 'watched_words_for_space', (x, name) =>
      x
        .select()
        .from(watchedWords)
        .where(or(isNull(watchedWords.spaceId), eq(watchedWords.spaceId, sql.placeholder('spaceId'))))
        .prepare(name),
    );
    return query.execute({ spaceId });
  },

  async listWatchedWords(db: Executor): Promise<WatchedWordRow[]> {
    return db.select().from(watchedWords).orderBy(asc(watchedWords.createdAt));
  },

  async insertWatchedWord(db: Executor, values: typeof watchedWords.$inferInsert): Promise<WatchedWordRow> {
    const [row] = await db.insert(watchedWords).values(values).returning();
    if (!row) throw new Error('watched word insert returned nothing');
    return row;
  },

  async deleteWatchedWord(db: Executor, id: string): Promise<WatchedWordRow | null> {
    const [row] = await db.delete(watchedWords).where(eq(watchedWords.id, id)).returning();
    return row ?? null;
  },

  async listReasonTemplates(db: Executor): Promise<ReasonTemplateRow[]> {
    return db.select().from(reasonTemplates).orderBy(asc(reasonTemplates.createdAt), asc(reasonTemplates.id));
  },

  async lockReasonTemplate(db: Executor, id: string): Promise<ReasonTemplateRow | null> {
    const [row] = await db.select().from(reasonTemplates).where(eq(reasonTemplates.id, id)).for('update').limit(1);
    return row ?? null;
  },

  async insertReasonTemplate(db: Executor, values: typeof reasonTemplates.$inferInsert): Promise<ReasonTemplateRow> {
    const [row] = await db.insert(reasonTemplates).values(values).returning();
    if (!row) throw new Error('reason template insert returned nothing');
    return row;
  },

  async updateReasonTemplate(
    db: Executor,
    id: string,
    values: Partial<Omit<typeof reasonTemplates.$inferInsert, 'id' | 'createdAt'>>,
  ): Promise<ReasonTemplateRow> {
    const [row] = await db.update(reasonTemplates).set(values).where(eq(reasonTemplates.id, id)).returning();
    if (!row) throw new Error('reason template vanished');
    return row;
  },

  async deleteReasonTemplate(db: Executor, id: string): Promise<ReasonTemplateRow | null> {
    const [row] = await db.delete(reasonTemplates).where(eq(reasonTemplates.id, id)).returning();
    return row ?? null;
  },

  /** How many of this member's posts exist (any status): for "first 2 posts are held". */
  /** When the member last wrote a post (any status), or null. */
  async lastPostAtByAuthor(db: Executor, userId: string): Promise<Date | null> {
    const [row] = await db
      .select({ at: posts.createdAt })
      .from(posts)
      .where(eq(posts.authorId, userId))
      .orderBy(desc(posts.createdAt))
      .limit(1);
    return row?.at ?? null;
  },

  async postCountByAuthor(db: Executor, userId: string): Promise<number> {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(posts)
      .where(eq(posts.authorId, userId));
    return row?.n ?? 0;
  },

  async reportsSince(db: Executor, reporterId: string, since: Date): Promise<number> {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(reports)
      .where(and(eq(reports.reporterId, reporterId), gt(reports.createdAt, since)));
    return row?.n ?? 0;
  },
};
