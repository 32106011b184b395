/**
 * Appeals: the member an action concerns (author of a hidden/removed post, sanctioned member) appeals
 * once per action; someone other than the acting moderator decides (a moderator of that space or an
 * admin). Overturning undoes what can be undone (post restored, sanction lifted, label cleared); both
 * outcomes are audited and shown to the member.
 */
import type { Appeal, AppealList, AppealQuery, MyDecisionList } from '@kring/shared';
import type { AppContext, NoDeps } from '../../context';
import type { MemberActor } from '../../lib/actor';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { isUuid } from '../../lib/ids';
import { fail, ok, type Result } from '../../lib/result';
import { postsRepository } from '../posts/posts.repository';
import { changePostStatus, postStatusEvents, setPostLabel } from '../posts/posts.status';
import { appealsRepository, type AppealRow } from './moderation.appeals.repository';
import { hookErrorLogger, notFound } from './moderation.errors';
import type { AppealDecision } from './moderation.events';
import { auditLogRepository, type AuditRow } from './moderation.log.repository';
import { appealableActions, canDecideAppeal, isStaff, moderatedSpaces } from './moderation.policy';
import { queueRepository } from './moderation.queue.repository';
import { sanctionsRepository } from './moderation.sanctions.repository';

const invalidCursor = () =>
  fail('invalid', 'invalid_cursor', 'The cursor is not valid. Start again without one.', {
    fields: { cursor: 'is not a cursor from this list' },
  });
export const APPEALS_PAGE_SIZE = 50;

/** Appeal lists page newest first on (created_at, id). */
function readCursor(cursor: string | undefined): { createdAt: Date; id: string } | null | undefined {
  if (cursor === undefined) return null;
  const values = decodeCursor(cursor, 2);
  const [at, id] = values ?? [];
  if (!at || !id || !isUuid(id) || Number.isNaN(Date.parse(at))) return undefined;
  return { createdAt: new Date(at), id };
}
const writeCursor = (row: { createdAt: Date; id: string }) => encodeCursor([row.createdAt.toISOString(), row.id]);

function appealView(appeal: AppealRow, entry: AuditRow, actedBy: { id: string; username: string } | null): Appeal {
  return {
    id: appeal.id,
    actionId: entry.id,
    action: entry.action,
    spaceId: entry.spaceId,
    target: { type: entry.targetType, id: entry.targetId },
    actionReason: entry.reason,
    actedBy,
    message: appeal.message,
    status: appeal.status === 'decided' ? 'decided' : 'open',
    decision: appeal.decision === 'uphold' || appeal.decision === 'overturn' ? appeal.decision : null,
    decisionReason: appeal.decisionReason,
    createdAt: appeal.createdAt.toISOString(),
    decidedAt: appeal.decidedAt ? appeal.decidedAt.toISOString() : null,
  };
}

// eslint-disable-next-line max-lines-per-function -- a factory: its length is the sum of the small, separately named functions it returns
export function createAppealsService(ctx: AppContext, _deps: NoDeps) {
  const db = ctx.database.db;
  const live = postStatusEvents(ctx);
  const logError = hookErrorLogger(ctx.log);

  return {
    /** The decisions about the member's own content or account, newest first, with their appeal if any. */
    async mine(actor: MemberActor, query: AppealQuery = {}): Promise<Result<MyDecisionList>> {
      const after = readCursor(query.cursor);
      if (after === undefined) return invalidCursor();
      const limit = query.limit ?? APPEALS_PAGE_SIZE;
      const rows = await auditLogRepository.actionsConcerning(db, actor.userId, {
        after,
        limit: limit + 1,
        ...(query.status ? { appealStatus: query.status } : {}),
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return ok({
        items: page.map(({ entry, appeal }) => ({
          id: entry.id,
          action: entry.action,
          spaceId: entry.spaceId,
          target: { type: entry.targetType, id: entry.targetId },
          reason: entry.reason,
          createdAt: entry.createdAt.toISOString(),
          appealable: appealableActions.has(entry.action) && !appeal,
          appeal: appeal ? appealView(appeal, entry, null) : null,
        })),
        nextCursor: rows.length > limit && last ? writeCursor(last.entry) : null,
      });
    },

    async create(
      actor: MemberActor,
      input: { actionId: string; message: string },
    ): Promise<Result<{ appeal: Appeal }>> {
      const entry = await auditLogRepository.findAudit(db, input.actionId);
      if (!entry || entry.subjectId !== actor.userId) return notFound();
      if (!appealableActions.has(entry.action))
        return fail('invalid', 'not_appealable', 'This decision cannot be appealed.');
      const now = ctx.clock.now();
      const appeal = await appealsRepository.insertAppeal(db, {
        auditId: entry.id,
        userId: actor.userId,
        spaceId: entry.spaceId,
        message: input.message,
        createdAt: now,
      });
      if (!appeal) return fail('conflict', 'already_appealed', 'You already appealed this decision.');
      return ok({ appeal: appealView(appeal, entry, null) });
    },

    /** One page of the appeals the moderator may decide (their spaces; admins all), with the open count. */
    async list(actor: MemberActor, query: AppealQuery = {}): Promise<Result<AppealList>> {
      if (!isStaff(actor)) return fail('forbidden', 'forbidden', 'You cannot do this here.');
      const after = readCursor(query.cursor);
      if (after === undefined) return invalidCursor();
      const limit = query.limit ?? APPEALS_PAGE_SIZE;
      const spaceIds = moderatedSpaces(actor);
      const [rows, openCount] = await Promise.all([
        appealsRepository.listAppeals(db, {
          spaceIds,
          after,
          limit: limit + 1,
          ...(query.status ? { status: query.status } : {}),
        }),
        appealsRepository.countOpenAppeals(db, spaceIds),
      ]);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const names = await queueRepository.usernames(
        db,
        page.map((r) => r.entry.actorId).filter((id): id is string => id !== null),
      );
      return ok({
        items: page.map((r) =>
          appealView(
            r.appeal,
            r.entry,
            r.entry.actorId ? { id: r.entry.actorId, username: names.get(r.entry.actorId) ?? '' } : null,
          ),
        ),
        nextCursor: rows.length > limit && last ? writeCursor(last.appeal) : null,
        openCount,
      });
    },

    async decide(
      actor: MemberActor,
      id: string,
      input: { decision: 'uphold' | 'overturn'; reason: string },
    ): Promise<Result<{ appeal: Appeal }>> {
      if (!isUuid(id)) return notFound();
      const now = ctx.clock.now();
      const after: (() => Promise<void>)[] = [];
      const result = await db.transaction(async (tx): Promise<Result<{ appeal: AppealRow; entry: AuditRow }>> => {
        const appeal = await appealsRepository.lockAppeal(tx, id);
        if (!appeal) return notFound();
        const entry = await auditLogRepository.findAudit(tx, appeal.auditId);
        if (!entry) return notFound();
        if (!canDecideAppeal(actor, appeal, null)) return notFound();
        if (!canDecideAppeal(actor, appeal, entry.actorId))
          return fail('forbidden', 'own_action', 'Someone other than the moderator who acted decides this appeal.');
        if (appeal.status === 'decided') return fail('conflict', 'already_decided', 'This appeal is already decided.');

        if (input.decision === 'overturn') {
          const takenAway = ['hide_post', 'remove_post', 'auto_hide_post', 'reject_post'];
          if (takenAway.includes(entry.action) && entry.targetType === 'post') {
            const post = await postsRepository.lockById(tx, entry.targetId);
            // Overturning never brings back a post its author deleted in the meantime.
            if (post && post.status !== 'published' && post.deletedAt === null && entry.spaceId) {
              const changed = await changePostStatus(tx, post, entry.spaceId, 'published', now);
              after.push(() => live.publishChange(changed));
            }
          } else if (entry.action === 'label_post') {
            const updated = await setPostLabel(tx, entry.targetId, null);
            after.push(() => live.publishPost(updated, null));
          } else if (['mute_user', 'ban_user', 'suspend_user'].includes(entry.action)) {
            await sanctionsRepository.liftSanctionByAudit(tx, entry.id, now);
          }
        }
        const decided = await appealsRepository.updateAppeal(tx, id, {
          status: 'decided',
          decision: input.decision,
          decisionReason: input.reason,
          decidedBy: actor.userId,
          decidedAt: now,
        });
        await auditLogRepository.insertAudit(tx, {
          actorId: actor.userId,
          action: input.decision === 'overturn' ? 'appeal_overturned' : 'appeal_upheld',
          spaceId: entry.spaceId,
          targetType: entry.targetType,
          targetId: entry.targetId,
          subjectId: appeal.userId,
          reason: input.reason,
          details: { appealId: appeal.id, actionId: entry.id, action: entry.action },
          createdAt: now,
        });
        return ok({ appeal: decided, entry });
      });
      if (!result.ok) return result;
      for (const work of after) await work();
      const event: AppealDecision = {
        appealId: result.value.appeal.id,
        actionId: result.value.entry.id,
        action: result.value.entry.action,
        spaceId: result.value.entry.spaceId,
        targetType: result.value.entry.targetType,
        targetId: result.value.entry.targetId,
        userId: result.value.appeal.userId,
        decision: input.decision,
        reason: input.reason,
      };
      await ctx.moderationHooks.appealDecided(event, logError);
      return ok({ appeal: appealView(result.value.appeal, result.value.entry, null) });
    },
  };
}
