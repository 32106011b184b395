/**
 * Reports → review items, and the items the posting path raises without a report (held posts, watched
 * words, crisis matches). Enough distinct, established reporters hide a post pending review (never for an
 * *at risk* report). The reported member never learns who reported.
 */
import type { AppContext, NoDeps } from '../../context';
import type { Executor } from '../../db/client';
import type { MemberActor } from '../../lib/actor';
import { fail, ok, type Result } from '../../lib/result';
import { changePostStatus, postStatusEvents } from '../posts/posts.status';
import { postsRepository, type PostRow } from '../posts/posts.repository';
import { loadThreadForActor } from '../threads/threads.access';
import { hookErrorLogger, notFound, runAfterCommit, sanctionError, type AfterCommit } from './moderation.errors';
import { moderationEvents } from './moderation.events';
import { auditLogRepository } from './moderation.log.repository';
import { queueRepository, type ItemRow, type TargetType } from './moderation.queue.repository';
import { reportsRepository, type ReportRow } from './moderation.reports.repository';
import { sanctionsRepository } from './moderation.sanctions.repository';
import { itemViews } from './moderation.view';

export type ReportReason = ReportRow['reason'];

export interface ReportInput {
  targetType: TargetType;
  targetId: string;
  reason: ReportReason;
  note?: string;
}

type ReportResult = Result<{ report: { id: string; targetType: TargetType; reason: ReportReason }; created: boolean }>;

const reportView = (row: ReportRow) => ({ id: row.id, targetType: row.targetType, reason: row.reason });

// eslint-disable-next-line max-lines-per-function -- a factory: its length is the sum of the small, separately named functions it returns
export function createReportsService(ctx: AppContext, _deps: NoDeps) {
  const db = ctx.database.db;
  const events = moderationEvents(ctx.publisher);
  const live = postStatusEvents(ctx);
  const logError = hookErrorLogger(ctx.log);

  async function publishItems(items: ItemRow[]): Promise<void> {
    for (const view of await itemViews(db, items)) events.item(view);
  }

  /** The target as the reporter may see it (404 otherwise): its space, author and (for a post) the row. */
  async function resolveTarget(
    actor: MemberActor,
    input: ReportInput,
  ): Promise<Result<{ spaceId: string | null; authorId: string | null; post: PostRow | null }>> {
    if (input.targetType === 'post') {
      const record = await postsRepository.findById(db, input.targetId);
      if (!record || record.post.status === 'removed') return notFound();
      const access = await loadThreadForActor(db, actor, record.post.threadId);
      if (!access.ok) return notFound();
      if (record.post.status === 'pending' && record.post.authorId !== actor.userId && !access.value.moderator)
        return notFound();
      return ok({ spaceId: access.value.space.id, authorId: record.post.authorId, post: record.post });
    }
    if (input.targetType === 'thread') {
      const access = await loadThreadForActor(db, actor, input.targetId);
      if (!access.ok) return notFound();
      return ok({ spaceId: access.value.space.id, authorId: access.value.record.thread.authorId, post: null });
    }
    const user = await queueRepository.findUser(db, input.targetId);
    if (!user) return notFound();
    return ok({ spaceId: null, authorId: user.id, post: null });
  }

  /** Hides a reported post pending review once enough distinct, established members reported it. */
  async function autoHide(
    tx: Executor,
    post: PostRow,
    spaceId: string,
    reporters: readonly { reporterId: string | null; reporterCreatedAt: Date }[],
    now: Date,
    after: AfterCommit,
  ): Promise<void> {
    const cutoff = now.getTime() - ctx.config.autoHide.minAccountHours * 3_600_000;
    const established = new Set(
      reporters.filter((r) => r.reporterCreatedAt.getTime() <= cutoff).map((r) => r.reporterId),
    );
    if (established.size < ctx.config.autoHide.reporters) return;
    const current = await postsRepository.lockById(tx, post.id);
    if (current?.status !== 'published') return;
    const changed = await changePostStatus(tx, current, spaceId, 'hidden', now);
    const entry = await auditLogRepository.insertAudit(tx, {
      actorId: null,
      action: 'auto_hide_post',
      spaceId,
      targetType: 'post',
      targetId: current.id,
      subjectId: current.authorId,
      reason: 'auto_hide',
      details: { reporters: established.size },
      createdAt: now,
    });
    after.push(() => live.publishPost(changed.post, changed.thread));
    const userId = current.authorId;
    if (!userId) return;
    after.push(() =>
      ctx.moderationHooks.contentDecided(
        {
          actionId: entry.id,
          action: 'auto_hide_post',
          userId,
          spaceId,
          targetType: 'post',
          targetId: current.id,
          reason: null,
        },
        logError,
      ),
    );
  }

  async function report(actor: MemberActor, input: ReportInput): Promise<ReportResult> {
    const target = await resolveTarget(actor, input);
    if (!target.ok) return target;
    const { spaceId, authorId, post } = target.value;
    if (authorId === actor.userId) return fail('forbidden', 'own_content', 'You cannot report yourself.');

    const now = ctx.clock.now();
    const sanctioned = await sanctionsRepository.activeSanctions(db, actor.userId, spaceId, now);
    const blocking = sanctioned.find((s) => s.kind === 'suspend' || s.kind === 'ban');
    if (blocking) return sanctionError(blocking.kind, blocking.expiresAt);

    const existing = await reportsRepository.findOpenReport(db, actor.userId, input.targetType, input.targetId);
    if (existing) return ok({ report: reportView(existing), created: false });

    const after: AfterCommit = [];
    const outcome = await db.transaction(async (tx) => {
      const item = await queueRepository.openItemFor(tx, { type: input.targetType, id: input.targetId, spaceId }, now);
      const inserted = await reportsRepository.insertReport(tx, {
        reporterId: actor.userId,
        itemId: item.id,
        targetType: input.targetType,
        targetId: input.targetId,
        reason: input.reason,
        note: input.note ? input.note : null,
        createdAt: now,
      });
      if (!inserted) return null;
      const all = (await reportsRepository.reportsOf(tx, [item.id])).filter((r) => r.reporterId !== null);
      const reporters = new Set(all.map((r) => r.reporterId));
      const atRisk = item.atRisk || all.some((r) => r.reason === 'at_risk');
      const updated = await queueRepository.updateItem(tx, item.id, {
        weight: reporters.size + (item.flags.length > 0 ? 1 : 0),
        atRisk,
        updatedAt: now,
      });
      // Auto-hide pending review: never for *at risk* reports.
      if (post && post.status === 'published' && !atRisk && spaceId) await autoHide(tx, post, spaceId, all, now, after);
      return { report: inserted, item: updated };
    });
    if (!outcome) {
      const winner = await reportsRepository.findOpenReport(db, actor.userId, input.targetType, input.targetId);
      if (!winner) throw new Error('concurrent report vanished');
      return ok({ report: reportView(winner), created: false });
    }
    await publishItems([outcome.item]);
    await runAfterCommit(after);
    return ok({ report: reportView(outcome.report), created: true });
  }

  /**
   * Creates or raises the review item for content that needs a look without a report: held posts,
   * watched-word flags and crisis matches (these go to the top, silently). Call after the post committed.
   */
  async function flagContent(
    target: { type: 'post' | 'thread'; id: string; spaceId: string },
    flags: ('held' | 'watched_word' | 'crisis')[],
  ): Promise<void> {
    if (flags.length === 0) return;
    const now = ctx.clock.now();
    const item = await db.transaction(async (tx) => {
      const current = await queueRepository.openItemFor(tx, target, now);
      const merged = [...new Set([...current.flags, ...flags])];
      return queueRepository.updateItem(tx, current.id, {
        flags: merged,
        atRisk: current.atRisk || flags.includes('crisis'),
        weight: current.flags.length === 0 ? current.weight + 1 : current.weight,
        updatedAt: now,
      });
    });
    await publishItems([item]);
  }

  return { report, flagContent, publishItems };
}

export type ReportsService = ReturnType<typeof createReportsService>;
