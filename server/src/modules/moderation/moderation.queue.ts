/**
 * The review queue: list (at risk first, then weight, then age; keyset pages), one item, claim/release,
 * and resolve with optimistic versioning — agreeing may take an action (the actions room, in the same
 * transaction), disagreeing restores a post that was hidden pending review.
 */
import { actionBodySchema, type ModerationActionName, type QueueItem } from '@kring/shared';
import type { AppContext } from '../../context';
import type { Executor } from '../../db/client';
import { isAdmin, type Actor, type MemberActor } from '../../lib/actor';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { isUuid } from '../../lib/ids';
import { fail, ok, type Result } from '../../lib/result';
import { postsRepository } from '../posts/posts.repository';
import { changePostStatus, postStatusEvents } from '../posts/posts.status';
import { spacesRepository } from '../spaces/spaces.repository';
import type { ActionsService } from './moderation.actions';
import type { ActionInput } from './moderation.actions.types';
import {
  claimedByOther,
  invalidCursor,
  notFound,
  forbidden,
  runAfterCommit,
  transact,
  type AfterCommit,
} from './moderation.errors';
import { moderationEvents } from './moderation.events';
import { auditLogRepository } from './moderation.log.repository';
import { canModerateIn, isStaff, moderatedSpaces } from './moderation.policy';
import { queueRepository, type ItemRow, type QueuePosition } from './moderation.queue.repository';
import { reportsRepository } from './moderation.reports.repository';
import { itemView, itemViews } from './moderation.view';

export const QUEUE_PAGE_SIZE = 30;

export interface QueueDeps {
  actions: Pick<ActionsService, 'perform'>;
}

export interface ResolveInput {
  decision: 'agree' | 'disagree' | 'ignore';
  action?: ModerationActionName;
  reason?: string;
  durationHours?: number;
  version: number;
}

/** Queue pages: the sort position of the last item (atRisk, weight, createdAt, id). */
function writeQueueCursor(item: ItemRow): string {
  return encodeCursor([item.atRisk ? '1' : '0', String(item.weight), item.createdAt.toISOString(), item.id]);
}

function readQueueCursor(cursor: string): QueuePosition | null {
  const [atRisk, weight, createdAt, id] = decodeCursor(cursor, 4) ?? [];
  if (atRisk === undefined || weight === undefined || !createdAt || !id || !isUuid(id)) return null;
  const date = new Date(createdAt);
  const number = Number(weight);
  if (Number.isNaN(date.getTime()) || !/^-?\d+$/.test(weight) || !Number.isSafeInteger(number)) return null;
  return { atRisk: atRisk === '1', weight: number, createdAt: date, id };
}

/** The space a list is narrowed to (id or slug), if the actor moderates it (404 otherwise). */
export async function resolveSpaceFilter(
  db: Executor,
  actor: Actor,
  space: string | undefined,
): Promise<Result<string | null>> {
  if (space === undefined) return ok(null);
  const row = isUuid(space) ? await spacesRepository.findById(db, space) : await spacesRepository.findBySlug(db, space);
  if (!row || !canModerateIn(actor, row.id)) return notFound();
  return ok(row.id);
}

/** The action the queue takes with an agreeing decision, checked by the same schema as `POST /moderation/actions`. */
function resolveAction(item: ItemRow, input: ResolveInput): Result<ActionInput> {
  const takesDuration = ['mute_user', 'ban_user', 'suspend_user'].includes(input.action ?? '');
  const parsed = actionBodySchema.safeParse({
    action: input.action,
    targetType: item.targetType,
    targetId: item.targetId,
    reason: input.reason ?? '',
    ...(takesDuration && input.durationHours ? { durationHours: input.durationHours } : {}),
    ...(item.spaceId && item.targetType === 'user' ? { space: item.spaceId } : {}),
  });
  if (parsed.success) return ok({ ...parsed.data, itemId: item.id });
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) fields[issue.path.join('.') || 'action'] ??= issue.message;
  return fail('invalid', 'invalid', 'This action needs more than the queue sends; take it from the content.', {
    fields,
  });
}

// eslint-disable-next-line max-lines-per-function -- a factory: its length is the sum of the small, separately named functions it returns
export function createQueueService(ctx: AppContext, deps: QueueDeps) {
  const db = ctx.database.db;
  const events = moderationEvents(ctx.publisher);
  const live = postStatusEvents(ctx);

  async function queue(
    actor: MemberActor,
    query: { space?: string; status?: ItemRow['status']; cursor?: string },
  ): Promise<Result<{ items: QueueItem[]; nextCursor: string | null; openCount: number }>> {
    if (!isStaff(actor)) return forbidden();
    const spaceFilter = await resolveSpaceFilter(db, actor, query.space);
    if (!spaceFilter.ok) return spaceFilter;
    const scope = spaceFilter.value ? [spaceFilter.value] : moderatedSpaces(actor);
    const after = query.cursor ? readQueueCursor(query.cursor) : undefined;
    if (after === null) return invalidCursor();
    const rows = await queueRepository.listItems(db, {
      spaceIds: scope,
      ...(query.status ? { status: query.status } : {}),
      ...(after ? { after } : {}),
      limit: QUEUE_PAGE_SIZE + 1,
    });
    const page = rows.slice(0, QUEUE_PAGE_SIZE);
    const last = page.at(-1);
    return ok({
      items: await itemViews(db, page),
      nextCursor: rows.length > QUEUE_PAGE_SIZE && last ? writeQueueCursor(last) : null,
      openCount: await queueRepository.countOpen(db, scope),
    });
  }

  async function loadItem(actor: MemberActor, id: string): Promise<Result<ItemRow>> {
    if (!isUuid(id)) return notFound();
    const item = await queueRepository.findItem(db, id);
    if (!item || !canModerateIn(actor, item.spaceId)) return notFound();
    return ok(item);
  }

  async function getItem(actor: MemberActor, id: string): Promise<Result<{ item: QueueItem }>> {
    const loaded = await loadItem(actor, id);
    if (!loaded.ok) return loaded;
    return ok({ item: await itemView(db, loaded.value) });
  }

  async function claim(actor: MemberActor, id: string, claiming: boolean): Promise<Result<{ item: QueueItem }>> {
    const loaded = await loadItem(actor, id);
    if (!loaded.ok) return loaded;
    const now = ctx.clock.now();
    const result = await transact(db, async (tx): Promise<Result<ItemRow>> => {
      const item = await queueRepository.lockItem(tx, id);
      if (!item) return notFound();
      if (item.status === 'resolved') return fail('conflict', 'already_resolved', 'This item is already resolved.');
      if (claiming) {
        if (item.claimedBy && item.claimedBy !== actor.userId) return claimedByOther();
        if (item.claimedBy === actor.userId) return ok(item);
        return ok(
          await queueRepository.updateItem(tx, id, { status: 'claimed', claimedBy: actor.userId, updatedAt: now }),
        );
      }
      if (!item.claimedBy) return ok(item);
      if (item.claimedBy !== actor.userId && !isAdmin(actor)) return claimedByOther();
      return ok(await queueRepository.updateItem(tx, id, { status: 'open', claimedBy: null, updatedAt: now }));
    });
    if (!result.ok) return result;
    const item = await itemView(db, result.value);
    events.item(item);
    return ok({ item });
  }

  /** Disagreeing with the reports restores a post that was auto-hidden pending review. */
  async function restoreHidden(tx: Executor, item: ItemRow, now: Date, after: AfterCommit): Promise<void> {
    if (item.targetType !== 'post' || !item.spaceId) return;
    const post = await postsRepository.lockById(tx, item.targetId);
    if (post?.status !== 'hidden') return;
    const changed = await changePostStatus(tx, post, item.spaceId, 'published', now);
    after.push(() => live.publishChange(changed));
  }

  async function resolve(actor: MemberActor, id: string, input: ResolveInput): Promise<Result<{ item: QueueItem }>> {
    const loaded = await loadItem(actor, id);
    if (!loaded.ok) return loaded;
    if (input.action && input.decision !== 'agree')
      return fail('invalid', 'invalid', 'Only an agreeing decision takes an action.', {
        fields: { action: 'only with decision "agree"' },
      });
    if (input.action && !input.reason)
      return fail('invalid', 'invalid', 'An action needs a reason.', { fields: { reason: 'required' } });
    const action = input.action ? resolveAction(loaded.value, input) : null;
    if (action && !action.ok) return action;
    const now = ctx.clock.now();
    const after: AfterCommit = [];
    const result = await transact(db, async (tx): Promise<Result<ItemRow>> => {
      const item = await queueRepository.lockItem(tx, id);
      if (!item) return notFound();
      if (item.version !== input.version || item.status === 'resolved')
        return fail('conflict', 'version_conflict', 'This item changed in the meantime; reload it.');
      if (item.claimedBy && item.claimedBy !== actor.userId) return claimedByOther();
      if (action) {
        const acted = await deps.actions.perform(tx, actor, action.value, now, after);
        if (!acted.ok) return acted;
      } else if (input.decision === 'disagree') {
        await restoreHidden(tx, item, now, after);
      }
      await reportsRepository.closeReports(tx, item.id);
      const resolved = await queueRepository.updateItem(tx, item.id, {
        status: 'resolved',
        decision: input.decision,
        resolvedBy: actor.userId,
        resolvedAt: now,
        claimedBy: actor.userId,
        updatedAt: now,
      });
      await auditLogRepository.insertAudit(tx, {
        actorId: actor.userId,
        action: 'queue_resolved',
        spaceId: item.spaceId,
        targetType: item.targetType,
        targetId: item.targetId,
        reason: input.reason ?? null,
        details: { itemId: item.id, decision: input.decision, ...(input.action ? { action: input.action } : {}) },
        createdAt: now,
      });
      return ok(resolved);
    });
    if (!result.ok) return result;
    const item = await itemView(db, result.value);
    events.item(item);
    await runAfterCommit(after);
    return ok({ item });
  }

  return { queue, getItem, claim, resolve };
}

export type QueueService = ReturnType<typeof createQueueService>;
