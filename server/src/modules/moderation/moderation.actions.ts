/**
 * Moderator actions, each audited in its own transaction: resolve the target as the actor may see it,
 * check the policy, run the action's handler (the table below, one handler per action), write the audit
 * entry, tell the member concerned after the commit.
 *
 * Anonymity: a moderator can act on the account behind an anonymous post (`mute_user` with
 * `targetType: 'post'`) — the author is resolved here, stored only in `sanctions.user_id` and
 * `audit_entries.subject_id`, and never returned, logged or published. Only `unmask_author` (admins)
 * returns it, to that admin only.
 */
import type { ModerationActionName } from '@kring/shared';
import type { AppContext } from '../../context';
import type { Executor } from '../../db/client';
import type { MemberActor } from '../../lib/actor';
import { fail, ok, type Result } from '../../lib/result';
import { postsRepository } from '../posts/posts.repository';
import { postStatusEvents } from '../posts/posts.status';
import { spacesRepository } from '../spaces/spaces.repository';
import { loadThreadForActor } from '../threads/threads.access';
import { memberHandlers } from './moderation.actions.members';
import { postHandlers } from './moderation.actions.posts';
import { threadHandlers } from './moderation.actions.threads';
import type { ActionCall, ActionHandler, ActionHandlers, ActionInput, Subject } from './moderation.actions.types';
import {
  accountGone,
  forbidden,
  hookErrorLogger,
  invalidTarget,
  notFound,
  runAfterCommit,
  transact,
  type AfterCommit,
} from './moderation.errors';
import type { ContentDecision } from './moderation.events';
import { auditLogRepository, type AuditRow } from './moderation.log.repository';
import { canTakeAction, isStaff, notifiedActions } from './moderation.policy';
import { queueRepository, type TargetType } from './moderation.queue.repository';
import type { ReportsService } from './moderation.reports';

export type { ActionInput } from './moderation.actions.types';

/** Every action's handler, keyed by action. */
export const actionHandlers: ActionHandlers = { ...postHandlers, ...threadHandlers, ...memberHandlers };

export interface ActionsDeps {
  reports: Pick<ReportsService, 'publishItems'>;
}

export interface ActionResult {
  action: { id: string; action: ModerationActionName; targetType: TargetType; targetId: string; createdAt: string };
  author?: { id: string; username: string };
}

// eslint-disable-next-line max-lines-per-function -- a factory: its length is the sum of the small, separately named functions it returns
export function createActionsService(ctx: AppContext, deps: ActionsDeps) {
  const db = ctx.database.db;
  const live = postStatusEvents(ctx);
  const logError = hookErrorLogger(ctx.log);

  /** Resolves the target to content, space and subject, as the actor may see it (404 otherwise). */
  async function resolveSubject(tx: Executor, actor: MemberActor, input: ActionInput): Promise<Result<Subject>> {
    if (input.targetType === 'post') {
      const record = await postsRepository.findById(tx, input.targetId);
      if (!record) return notFound();
      const access = await loadThreadForActor(tx, actor, record.post.threadId);
      if (!access.ok) return notFound();
      if (record.post.status === 'pending' && !access.value.moderator) return notFound();
      const post = await postsRepository.lockById(tx, record.post.id);
      if (!post) return notFound();
      return ok({ post, thread: access.value.record.thread, spaceId: access.value.space.id, userId: post.authorId });
    }
    if (input.targetType === 'thread') {
      const access = await loadThreadForActor(tx, actor, input.targetId);
      if (!access.ok) return notFound();
      const { thread } = access.value.record;
      return ok({ post: null, thread, spaceId: access.value.space.id, userId: thread.authorId });
    }
    const user = await queueRepository.findUser(tx, input.targetId);
    if (!user) return notFound();
    if (!input.space) return ok({ post: null, thread: null, spaceId: null, userId: user.id });
    const space = await spacesRepository.findById(tx, input.space);
    if (!space) return notFound();
    return ok({ post: null, thread: null, spaceId: space.id, userId: user.id });
  }

  /** Who may take this action on this subject: a failure, or null when it may go ahead. */
  function refusal(actor: MemberActor, handler: ActionHandler, input: ActionInput, subject: Subject) {
    if (handler.needsSpace && subject.spaceId === null)
      return fail('invalid', 'space_required', 'Name the space for this action.', { fields: { space: 'required' } });
    if (!canTakeAction(actor, input.action, subject.spaceId)) {
      // A staff member without power here: forbidden (they can see the content, but not act on it).
      if (input.action === 'suspend_user' || input.action === 'unmask_author' || isStaff(actor)) return forbidden();
      return notFound();
    }
    if (handler.group === 'member' && subject.userId === null) return accountGone();
    if (handler.group === 'member' && subject.userId === actor.userId)
      return fail('forbidden', 'own_account', 'You cannot sanction yourself.');
    return null;
  }

  /** One action inside the caller's transaction (`act`, or the queue resolving an item with it). */
  async function perform(
    tx: Executor,
    actor: MemberActor,
    input: ActionInput,
    now: Date,
    after: AfterCommit,
  ): Promise<Result<{ entry: AuditRow; unmasked?: { id: string; username: string } }>> {
    const handler = actionHandlers[input.action] as ActionHandler;
    if (!handler.targets.includes(input.targetType)) return invalidTarget();
    const resolved = await resolveSubject(tx, actor, input);
    if (!resolved.ok) return resolved;
    const subject = resolved.value;
    const refused = refusal(actor, handler, input, subject);
    if (refused) return refused;

    const call: ActionCall = {
      ctx,
      tx,
      actor,
      input,
      subject,
      now,
      after,
      details: {},
      live,
      publishItems: deps.reports.publishItems,
    };
    const outcome = await handler.run(call);
    if (!outcome.ok) return outcome;

    const { post, thread, spaceId, userId } = subject;
    const targetId = post?.id ?? (input.targetType === 'thread' ? thread?.id : input.targetId) ?? input.targetId;
    const entry = await auditLogRepository.insertAudit(tx, {
      actorId: actor.userId,
      action: input.action,
      spaceId: input.action === 'suspend_user' ? null : spaceId,
      targetType: input.targetType,
      targetId,
      subjectId: userId,
      reason: input.reason,
      details: call.details,
      createdAt: now,
    });
    await outcome.value.afterAudit?.(entry.id);

    if (userId && notifiedActions.has(input.action)) {
      const from = call.details.from;
      const decision: ContentDecision = {
        actionId: entry.id,
        action: input.action,
        ...(typeof from === 'string' ? { from } : {}),
        userId,
        spaceId,
        targetType: input.targetType,
        targetId,
        reason: input.reason,
      };
      after.push(() => ctx.moderationHooks.contentDecided(decision, logError));
    }
    return ok({ entry, ...(outcome.value.unmasked ? { unmasked: outcome.value.unmasked } : {}) });
  }

  async function act(actor: MemberActor, input: ActionInput): Promise<Result<ActionResult>> {
    // Members have no moderation powers at all.
    if (!isStaff(actor)) return forbidden();
    const now = ctx.clock.now();
    const after: AfterCommit = [];
    const result = await transact(db, (tx) => perform(tx, actor, input, now, after));
    if (!result.ok) return result;
    await runAfterCommit(after);
    const { entry, unmasked } = result.value;
    return ok({
      action: {
        id: entry.id,
        action: input.action,
        targetType: input.targetType,
        targetId: entry.targetId,
        createdAt: entry.createdAt.toISOString(),
      },
      ...(unmasked ? { author: unmasked } : {}),
    });
  }

  return { act, perform };
}

export type ActionsService = ReturnType<typeof createActionsService>;
