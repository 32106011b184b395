/**
 * Moderation: reports → review items, the queue (claim, resolve with optimistic versioning), moderator
 * actions (each audited in its own transaction), sanctions, appeals, the audit log and watched words.
 *
 * Anonymity: a moderator can act on the account behind an anonymous post (`mute_user` with
 * `targetType: 'post'`) — the author is resolved here, stored only in `sanctions.user_id` and
 * `audit_entries.subject_id`, and never returned, logged or published. Only `unmask_author` (admins)
 * returns it, to that admin only.
 */
import { rooms, type AuditEntry, type ModerationActionName, type QueueItem, type Thread } from '@kring/shared';
import type { AppContext } from '../../context';
import type { Executor } from '../../db/client';
import { renderMarkdown } from '../../content/markdown';
import { isAdmin, type Actor, type MemberActor } from '../../lib/actor';
import { isUuid } from '../../lib/ids';
import { fail, ok, type Result, type ServiceError } from '../../lib/result';
import { postsRepository, type PostRow } from '../posts/posts.repository';
import { publicReader, toPostView } from '../posts/posts.view';
import { loadThreadForActor } from '../threads/threads.access';
import { threadEvents } from '../threads/threads.events';
import { threadsRepository, type ThreadRow } from '../threads/threads.repository';
import { toThreadView } from '../threads/threads.view';
import { moderationEvents, type ContentDecision } from './moderation.events';
import { canModerateIn, canTakeAction, isStaff, moderatedSpaces } from './moderation.policy';
import { moderationRepository as repo, type AuditRow, type ItemRow, type TargetType } from './moderation.repository';
import { spacesRepository } from '../spaces/spaces.repository';

export const DEFAULT_LABEL = 'ervaringskennis — geen medisch advies';
export const QUEUE_PAGE_SIZE = 30;
export const LOG_PAGE_SIZE = 50;

/** Actions a member may appeal (once each). */
export const appealableActions = new Set([
  'hide_post',
  'remove_post',
  'edit_post',
  'label_post',
  'warn_user',
  'mute_user',
  'ban_user',
  'suspend_user',
  'auto_hide_post',
  'reject_post',
]);

/** Decisions the member they concern hears about (`ctx.moderationHooks` → notifications). */
const notifiedActions = new Set([...appealableActions, 'restore_post', 'approve_post', 'unban_user']);

const notFound = () => fail('not_found', 'not_found', 'This does not exist or is not visible to you.');
const forbidden = () => fail('forbidden', 'forbidden', 'You cannot do this here.');
const invalidTarget = () => fail('invalid', 'invalid_target', 'This action does not apply to this target.');
const invalidState = (message: string) => fail('conflict', 'invalid_state', message);
/** `approve_post` / `reject_post` on a post that is not (or no longer) waiting for a moderator. */
export const notPending = () =>
  fail('conflict', 'not_pending', 'This post is not waiting for approval (any more); reload it.');
/** Its author deleted this post (or their account was erased): no moderator brings it back. */
export const deletedByAuthor = () =>
  fail('conflict', 'deleted_by_author', 'Its author deleted this post; it cannot be restored.');

/** A sanction as the 403 its member gets: `suspended`, `banned` or `muted` (the one implementation). */
export function sanctionError(kind: 'mute' | 'ban' | 'suspend', until: Date | null) {
  const untilText = until ? ` until ${until.toISOString()}` : '';
  if (kind === 'suspend') return fail('forbidden', 'suspended', `Your account is suspended${untilText}.`);
  if (kind === 'ban') return fail('forbidden', 'banned', 'You have been banned from this space.');
  return fail('forbidden', 'muted', `You are muted in this space${untilText}.`);
}

export type ReportReason = 'spam' | 'unkind' | 'misinformation' | 'personal_info' | 'at_risk' | 'other';

export interface ActionInput {
  action: ModerationActionName;
  targetType: TargetType;
  targetId: string;
  reason: string;
  durationHours?: number;
  space?: string;
  note?: string;
  body?: string;
  label?: string;
  toSpace?: string;
  /** The queue item being resolved with this action (the queue's own resolve closes it). */
  itemId?: string;
}

/** What an action resolved to: the content, its space and the member it concerns (never returned). */
interface Subject {
  post: PostRow | null;
  thread: ThreadRow | null;
  spaceId: string | null;
  /** The member concerned; null when the action is about content whose author is gone. */
  userId: string | null;
}

/** After-commit work collected while the transaction runs. */
type AfterCommit = (() => void | Promise<void>)[];

const postActions = new Set([
  'hide_post',
  'remove_post',
  'restore_post',
  'approve_post',
  'reject_post',
  'edit_post',
  'label_post',
  'unmask_author',
]);
const threadActions = new Set(['lock_thread', 'unlock_thread', 'pin_thread', 'unpin_thread', 'move_thread']);
const userActions = new Set(['warn_user', 'mute_user', 'ban_user', 'unban_user', 'suspend_user']);

function encodeCursor(item: ItemRow): string {
  return Buffer.from(
    JSON.stringify([item.atRisk ? 1 : 0, item.weight, item.createdAt.toISOString(), item.id]),
    'utf8',
  ).toString('base64url');
}

function decodeCursor(cursor: string): { atRisk: boolean; weight: number; createdAt: Date; id: string } | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 4) return null;
    const [atRisk, weight, createdAt, id] = parsed as unknown[];
    if (typeof weight !== 'number' || typeof createdAt !== 'string' || typeof id !== 'string' || !isUuid(id))
      return null;
    const date = new Date(createdAt);
    if (Number.isNaN(date.getTime())) return null;
    return { atRisk: atRisk === 1, weight, createdAt: date, id };
  } catch {
    return null;
  }
}

export function createModerationService(ctx: AppContext, logger?: { error: (obj: object, msg: string) => void }) {
  const db = ctx.database.db;
  const events = moderationEvents(ctx.publisher);
  const threadsLive = threadEvents(ctx.publisher);
  const logError = (error: unknown) => logger?.error({ err: error }, 'moderation hook failed');

  // ---------------------------------------------------------------- views

  async function itemViews(items: ItemRow[]): Promise<QueueItem[]> {
    if (items.length === 0) return [];
    const reportRows = await repo.reportsOf(
      db,
      items.map((i) => i.id),
    );
    const postRows = await repo.postsByIds(
      db,
      items.filter((i) => i.targetType === 'post').map((i) => i.targetId),
    );
    const threadRows = await repo.threadsByIds(
      db,
      items.filter((i) => i.targetType === 'thread').map((i) => i.targetId),
    );
    const userIds = items.filter((i) => i.targetType === 'user').map((i) => i.targetId);
    const names = await repo.usernames(db, [
      ...userIds,
      ...items.map((i) => i.claimedBy).filter((id): id is string => id !== null),
    ]);
    const spaceRows = await repo.spacesByIds(db, [
      ...new Set(items.map((i) => i.spaceId).filter((id): id is string => id !== null)),
    ]);
    const postsById = new Map(postRows.map((r) => [r.post.id, r]));
    const threadsById = new Map(threadRows.map((r) => [r.thread.id, r]));
    const spacesById = new Map(spaceRows.map((s) => [s.id, s]));

    return items.map((item) => {
      const reasons: Record<string, number> = {};
      const notes: string[] = [];
      for (const report of reportRows) {
        if (report.itemId !== item.id) continue;
        reasons[report.reason] = (reasons[report.reason] ?? 0) + 1;
        if (report.note) notes.push(report.note);
      }
      let target: QueueItem['target'] = {
        type: item.targetType,
        id: item.targetId,
        threadId: null,
        threadTitle: null,
        postNumber: null,
        html: null,
        status: null,
        authorName: null,
      };
      if (item.targetType === 'post') {
        const row = postsById.get(item.targetId);
        if (row) {
          target = {
            ...target,
            threadId: row.post.threadId,
            threadTitle: row.threadTitle,
            postNumber: row.post.number,
            html: row.post.html,
            status: row.post.status,
            authorName: row.post.anonymous ? `Anoniem ${row.post.aliasLetter ?? '?'}` : row.authorUsername,
          };
        }
      } else if (item.targetType === 'thread') {
        const row = threadsById.get(item.targetId);
        if (row) {
          target = {
            ...target,
            threadId: row.thread.id,
            threadTitle: row.thread.title,
            status: row.thread.locked ? 'locked' : 'open',
            authorName: row.thread.anonymous ? 'Anoniem A' : row.authorUsername,
          };
        }
      } else {
        target = { ...target, authorName: names.get(item.targetId) ?? null };
      }
      const space = item.spaceId ? spacesById.get(item.spaceId) : undefined;
      return {
        id: item.id,
        target,
        space: space ?? null,
        reasons,
        notes,
        flags: item.flags,
        priority: item.atRisk ? 'at_risk' : 'normal',
        weight: item.weight,
        status: item.status,
        claimedBy: item.claimedBy ? { id: item.claimedBy, username: names.get(item.claimedBy) ?? '' } : null,
        decision: item.decision,
        version: item.version,
        createdAt: item.createdAt.toISOString(),
      };
    });
  }

  async function publishItems(items: ItemRow[]): Promise<void> {
    for (const view of await itemViews(items)) events.item(view);
  }

  function auditView(entry: AuditRow, actorUsername: string | null): AuditEntry {
    return {
      id: entry.id,
      actor: entry.actorId ? { id: entry.actorId, username: actorUsername ?? '' } : null,
      action: entry.action,
      spaceId: entry.spaceId,
      target: { type: entry.targetType, id: entry.targetId },
      reason: entry.reason,
      createdAt: entry.createdAt.toISOString(),
      details: entry.details,
    };
  }

  // ---------------------------------------------------------------- post status changes (shared)

  /**
   * Changes a post's status inside the transaction, keeping the thread's and space's counters right: the
   * one place a post is published or taken away. Publishing the opening post of a held thread releases the
   * thread (`released`): from then on it is listed, counted on its space (with the replies its author and
   * moderators wrote meanwhile) and active now. A held thread's posts are not counted on the space.
   */
  async function changePostStatus(
    tx: Executor,
    post: PostRow,
    spaceId: string,
    status: PostRow['status'],
    now: Date,
  ): Promise<{ post: PostRow; thread: ThreadRow | null; released: boolean }> {
    const updated = await repo.setPostStatus(tx, post.id, status);
    const was = post.status === 'published';
    const is = status === 'published';
    let thread: ThreadRow | null = null;
    let released = false;
    if (was !== is) {
      const delta = is ? 1 : -1;
      thread = await threadsRepository.adjustReplyCount(tx, post.threadId, post.number > 1 ? delta : 0);
      if (thread?.held && is && post.number === 1) {
        thread = await threadsRepository.release(tx, thread.id, now);
        released = thread !== null;
        if (thread) {
          await threadsRepository.bumpSpaceCounters(tx, spaceId, {
            threads: 1,
            posts: 1 + thread.replyCount,
            activityAt: now,
          });
        }
      } else if (thread && !thread.held) {
        await threadsRepository.bumpSpaceCounters(tx, spaceId, {
          posts: delta,
          ...(is ? { activityAt: now } : {}),
        });
      }
    }
    return { post: updated, thread, released };
  }

  /** Live updates for open pages after a post's status or content changed (`released`: see changePostStatus). */
  async function publishPost(post: PostRow, thread: ThreadRow | null, released = false): Promise<void> {
    if (post.status === 'published') {
      const record = await postsRepository.findById(db, post.id);
      if (record) threadsLive.postUpdated(post.threadId, toPostView(record, publicReader));
    } else if (post.status !== 'pending') {
      threadsLive.postRemoved(post.threadId, post);
    }
    if (thread) await publishThread(thread, released);
  }

  /** The thread's new state to its space's pages; a released thread arrives there as a new one. */
  async function publishThread(thread: ThreadRow, released = false): Promise<void> {
    const space = await spacesRepository.findById(db, thread.spaceId);
    const [record] = await repo.threadsByIds(db, [thread.id]);
    if (!space || !record) return;
    const view: Thread = toThreadView({ thread: record.thread, authorUsername: record.authorUsername }, space.slug);
    if (released && !record.thread.held) threadsLive.threadCreated(view);
    else threadsLive.threadActivity(view, record.thread.held);
  }

  /**
   * Approving or rejecting a held post settles its review: its open queue item is resolved (unless it is
   * the item the queue is resolving right now, which `resolve` closes itself).
   */
  async function settleReview(
    tx: Executor,
    actor: MemberActor,
    postId: string,
    exceptItemId: string | undefined,
    now: Date,
    after: AfterCommit,
  ): Promise<void> {
    const item = await repo.findOpenItemFor(tx, 'post', postId);
    if (!item || item.id === exceptItemId) return;
    await repo.closeReports(tx, item.id);
    const resolved = await repo.updateItem(tx, item.id, {
      status: 'resolved',
      decision: 'agree',
      resolvedBy: actor.userId,
      resolvedAt: now,
      claimedBy: actor.userId,
      updatedAt: now,
    });
    after.push(() => publishItems([resolved]));
  }

  // ---------------------------------------------------------------- reports

  async function report(
    actor: MemberActor,
    input: { targetType: TargetType; targetId: string; reason: ReportReason; note?: string },
  ): Promise<Result<{ report: { id: string; targetType: TargetType; reason: ReportReason }; created: boolean }>> {
    // Resolve the target as the reporter may see it (404 otherwise).
    let spaceId: string | null = null;
    let authorId: string | null = null;
    let post: PostRow | null = null;
    if (input.targetType === 'post') {
      const record = await postsRepository.findById(db, input.targetId);
      if (!record || record.post.status === 'removed') return notFound();
      const access = await loadThreadForActor(db, actor, record.post.threadId);
      if (!access.ok) return notFound();
      if (record.post.status === 'pending' && record.post.authorId !== actor.userId && !access.value.moderator)
        return notFound();
      spaceId = access.value.space.id;
      authorId = record.post.authorId;
      post = record.post;
    } else if (input.targetType === 'thread') {
      const access = await loadThreadForActor(db, actor, input.targetId);
      if (!access.ok) return notFound();
      spaceId = access.value.space.id;
      authorId = access.value.record.thread.authorId;
    } else {
      const user = await repo.findUser(db, input.targetId);
      if (!user) return notFound();
      authorId = user.id;
    }
    if (authorId === actor.userId) return fail('forbidden', 'own_content', 'You cannot report yourself.');

    const now = ctx.clock.now();
    const sanctioned = await repo.activeSanctions(db, actor.userId, spaceId, now);
    const blocking = sanctioned.find((s) => s.kind === 'suspend' || s.kind === 'ban');
    if (blocking) return sanctionError(blocking.kind, blocking.expiresAt);

    const existing = await repo.findOpenReport(db, actor.userId, input.targetType, input.targetId);
    if (existing) {
      return ok({
        report: { id: existing.id, targetType: existing.targetType, reason: existing.reason },
        created: false,
      });
    }

    const after: AfterCommit = [];
    const outcome = await db.transaction(async (tx) => {
      const item = await repo.openItemFor(tx, { type: input.targetType, id: input.targetId, spaceId }, now);
      const inserted = await repo.insertReport(tx, {
        reporterId: actor.userId,
        itemId: item.id,
        targetType: input.targetType,
        targetId: input.targetId,
        reason: input.reason,
        note: input.note ? input.note : null,
        createdAt: now,
      });
      if (!inserted) return null;
      const all = (await repo.reportsOf(tx, [item.id])).filter((r) => r.reporterId !== null);
      const reporters = new Set(all.map((r) => r.reporterId));
      const atRisk = item.atRisk || all.some((r) => r.reason === 'at_risk');
      const updated = await repo.updateItem(tx, item.id, {
        weight: reporters.size + (item.flags.length > 0 ? 1 : 0),
        atRisk,
        updatedAt: now,
      });

      // Auto-hide pending review: enough distinct, established reporters; never for *at risk* reports.
      if (post && post.status === 'published' && !atRisk && spaceId) {
        const cutoff = now.getTime() - ctx.config.autoHide.minAccountHours * 3_600_000;
        const established = new Set(
          all.filter((r) => r.reporterCreatedAt.getTime() <= cutoff).map((r) => r.reporterId),
        );
        if (established.size >= ctx.config.autoHide.reporters) {
          const current = await repo.lockPost(tx, post.id);
          if (current?.status === 'published') {
            const changed = await changePostStatus(tx, current, spaceId, 'hidden', now);
            const entry = await repo.insertAudit(tx, {
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
            after.push(() => publishPost(changed.post, changed.thread));
            if (current.authorId) {
              const decision: ContentDecision = {
                actionId: entry.id,
                action: 'auto_hide_post',
                userId: current.authorId,
                spaceId,
                targetType: 'post',
                targetId: current.id,
                reason: null,
              };
              after.push(() => ctx.moderationHooks.contentDecided(decision, logError));
            }
          }
        }
      }
      return { report: inserted, item: updated };
    });
    if (!outcome) {
      const winner = await repo.findOpenReport(db, actor.userId, input.targetType, input.targetId);
      if (!winner) throw new Error('concurrent report vanished');
      return ok({ report: { id: winner.id, targetType: winner.targetType, reason: winner.reason }, created: false });
    }
    await publishItems([outcome.item]);
    for (const work of after) await work();
    return ok({
      report: { id: outcome.report.id, targetType: outcome.report.targetType, reason: outcome.report.reason },
      created: true,
    });
  }

  // ---------------------------------------------------------------- flags from the posting path

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
      const current = await repo.openItemFor(tx, target, now);
      const merged = [...new Set([...current.flags, ...flags])];
      return repo.updateItem(tx, current.id, {
        flags: merged,
        atRisk: current.atRisk || flags.includes('crisis'),
        weight: current.flags.length === 0 ? current.weight + 1 : current.weight,
        updatedAt: now,
      });
    });
    await publishItems([item]);
  }

  // ---------------------------------------------------------------- queue

  async function resolveSpaceFilter(actor: Actor, space: string | undefined): Promise<Result<string | null>> {
    if (space === undefined) return ok(null);
    const row = isUuid(space)
      ? await spacesRepository.findById(db, space)
      : await spacesRepository.findBySlug(db, space);
    if (!row || !canModerateIn(actor, row.id)) return notFound();
    return ok(row.id);
  }

  async function queue(
    actor: MemberActor,
    query: { space?: string; status?: ItemRow['status']; cursor?: string },
  ): Promise<Result<{ items: QueueItem[]; nextCursor: string | null; openCount: number }>> {
    if (!isStaff(actor)) return forbidden();
    const spaceFilter = await resolveSpaceFilter(actor, query.space);
    if (!spaceFilter.ok) return spaceFilter;
    const scope = spaceFilter.value ? [spaceFilter.value] : moderatedSpaces(actor);
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    if (after === null) return fail('invalid', 'invalid_cursor', 'This cursor is not valid.');
    const rows = await repo.listItems(db, {
      spaceIds: scope,
      ...(query.status ? { status: query.status } : {}),
      ...(after ? { after } : {}),
      limit: QUEUE_PAGE_SIZE + 1,
    });
    const page = rows.slice(0, QUEUE_PAGE_SIZE);
    const last = page.at(-1);
    return ok({
      items: await itemViews(page),
      nextCursor: rows.length > QUEUE_PAGE_SIZE && last ? encodeCursor(last) : null,
      openCount: await repo.countOpen(db, scope),
    });
  }

  async function loadItem(actor: MemberActor, id: string): Promise<Result<ItemRow>> {
    if (!isUuid(id)) return notFound();
    const item = await repo.findItem(db, id);
    if (!item || !canModerateIn(actor, item.spaceId)) return notFound();
    return ok(item);
  }

  async function getItem(actor: MemberActor, id: string): Promise<Result<{ item: QueueItem }>> {
    const loaded = await loadItem(actor, id);
    if (!loaded.ok) return loaded;
    const [item] = await itemViews([loaded.value]);
    if (!item) throw new Error('item view missing');
    return ok({ item });
  }

  async function claim(actor: MemberActor, id: string, claiming: boolean): Promise<Result<{ item: QueueItem }>> {
    const loaded = await loadItem(actor, id);
    if (!loaded.ok) return loaded;
    const now = ctx.clock.now();
    const result = await db.transaction(async (tx): Promise<Result<ItemRow>> => {
      const item = await repo.lockItem(tx, id);
      if (!item) return notFound();
      if (item.status === 'resolved') return fail('conflict', 'already_resolved', 'This item is already resolved.');
      if (claiming) {
        if (item.claimedBy && item.claimedBy !== actor.userId)
          return fail('conflict', 'claimed_by_other', 'Another moderator is handling this item.');
        if (item.claimedBy === actor.userId) return ok(item);
        return ok(await repo.updateItem(tx, id, { status: 'claimed', claimedBy: actor.userId, updatedAt: now }));
      }
      if (!item.claimedBy) return ok(item);
      if (item.claimedBy !== actor.userId && !isAdmin(actor))
        return fail('conflict', 'claimed_by_other', 'Another moderator is handling this item.');
      return ok(await repo.updateItem(tx, id, { status: 'open', claimedBy: null, updatedAt: now }));
    });
    if (!result.ok) return result;
    const [item] = await itemViews([result.value]);
    if (!item) throw new Error('item view missing');
    events.item(item);
    return ok({ item });
  }

  async function resolve(
    actor: MemberActor,
    id: string,
    input: {
      decision: 'agree' | 'disagree' | 'ignore';
      action?: ModerationActionName;
      reason?: string;
      durationHours?: number;
      version: number;
    },
  ): Promise<Result<{ item: QueueItem }>> {
    const loaded = await loadItem(actor, id);
    if (!loaded.ok) return loaded;
    if (input.action && input.decision !== 'agree')
      return fail('invalid', 'invalid', 'Only an agreeing decision takes an action.', {
        fields: { action: 'only with decision "agree"' },
      });
    if (input.action && !input.reason)
      return fail('invalid', 'invalid', 'An action needs a reason.', { fields: { reason: 'required' } });
    const now = ctx.clock.now();
    const after: AfterCommit = [];
    const result = await db
      .transaction(async (tx): Promise<Result<ItemRow>> => {
        const item = await repo.lockItem(tx, id);
        if (!item) return notFound();
        if (item.version !== input.version || item.status === 'resolved')
          return fail('conflict', 'version_conflict', 'This item changed in the meantime; reload it.');
        if (item.claimedBy && item.claimedBy !== actor.userId)
          return fail('conflict', 'claimed_by_other', 'Another moderator is handling this item.');
        if (input.action) {
          const acted = await performAction(
            tx,
            actor,
            {
              action: input.action,
              targetType: item.targetType,
              targetId: item.targetId,
              reason: input.reason ?? '',
              itemId: item.id,
              ...(input.durationHours ? { durationHours: input.durationHours } : {}),
              ...(item.spaceId && item.targetType === 'user' ? { space: item.spaceId } : {}),
            },
            now,
            after,
          );
          if (!acted.ok) throw new Rollback(acted.error);
        } else if (input.decision === 'disagree' && item.targetType === 'post' && item.spaceId) {
          // Disagreeing with the reports restores a post that was auto-hidden pending review.
          const post = await repo.lockPost(tx, item.targetId);
          if (post?.status === 'hidden') {
            const changed = await changePostStatus(tx, post, item.spaceId, 'published', now);
            after.push(() => publishPost(changed.post, changed.thread, changed.released));
          }
        }
        await repo.closeReports(tx, item.id);
        const resolved = await repo.updateItem(tx, item.id, {
          status: 'resolved',
          decision: input.decision,
          resolvedBy: actor.userId,
          resolvedAt: now,
          claimedBy: actor.userId,
          updatedAt: now,
        });
        await repo.insertAudit(tx, {
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
      })
      .catch((error: unknown) => {
        if (error instanceof Rollback) return { ok: false as const, error: error.serviceError };
        throw error;
      });
    if (!result.ok) return result;
    const [item] = await itemViews([result.value]);
    if (!item) throw new Error('item view missing');
    events.item(item);
    for (const work of after) await work();
    return ok({ item });
  }

  // ---------------------------------------------------------------- actions

  /** Resolves the target to content, space and subject, as the actor may see it (404 otherwise). */
  async function resolveSubject(tx: Executor, actor: MemberActor, input: ActionInput): Promise<Result<Subject>> {
    if (input.targetType === 'post') {
      const record = await postsRepository.findById(tx, input.targetId);
      if (!record) return notFound();
      const access = await loadThreadForActor(tx, actor, record.post.threadId);
      if (!access.ok) return notFound();
      if (record.post.status === 'pending' && !access.value.moderator) return notFound();
      const post = await repo.lockPost(tx, record.post.id);
      if (!post) return notFound();
      return ok({ post, thread: access.value.record.thread, spaceId: access.value.space.id, userId: post.authorId });
    }
    if (input.targetType === 'thread') {
      const access = await loadThreadForActor(tx, actor, input.targetId);
      if (!access.ok) return notFound();
      return ok({
        post: null,
        thread: access.value.record.thread,
        spaceId: access.value.space.id,
        userId: access.value.record.thread.authorId,
      });
    }
    const user = await repo.findUser(tx, input.targetId);
    if (!user) return notFound();
    let spaceId: string | null = null;
    if (input.space) {
      const space = await spacesRepository.findById(tx, input.space);
      if (!space) return notFound();
      spaceId = space.id;
    }
    return ok({ post: null, thread: null, spaceId, userId: user.id });
  }

  async function performAction(
    tx: Executor,
    actor: MemberActor,
    input: ActionInput,
    now: Date,
    after: AfterCommit,
  ): Promise<Result<{ entry: AuditRow; unmasked?: { id: string; username: string } }>> {
    const { action } = input;
    if (postActions.has(action) && input.targetType !== 'post') {
      if (!(action === 'unmask_author' && input.targetType === 'thread')) return invalidTarget();
    }
    if (threadActions.has(action) && input.targetType === 'user') return invalidTarget();

    const resolved = await resolveSubject(tx, actor, input);
    if (!resolved.ok) return resolved;
    const subject = resolved.value;
    if (['mute_user', 'ban_user', 'unban_user'].includes(action) && subject.spaceId === null)
      return fail('invalid', 'space_required', 'Name the space for this action.', { fields: { space: 'required' } });
    if (!canTakeAction(actor, action, subject.spaceId)) {
      // A staff member without power here: forbidden (they can see the content, but not act on it).
      if (action === 'suspend_user' || action === 'unmask_author' || isStaffAnywhere(actor)) return forbidden();
      return notFound();
    }
    if (userActions.has(action) && subject.userId === null)
      return invalidState('The account behind this content no longer exists.');
    if (userActions.has(action) && subject.userId === actor.userId)
      return fail('forbidden', 'own_account', 'You cannot sanction yourself.');

    const spaceId = subject.spaceId;
    const details: Record<string, unknown> = {};
    let unmasked: { id: string; username: string } | undefined;
    const post = subject.post;
    const thread = subject.thread;

    switch (action) {
      case 'hide_post':
      case 'remove_post':
      case 'restore_post': {
        if (!post || !spaceId) return invalidTarget();
        const next = action === 'hide_post' ? 'hidden' : action === 'remove_post' ? 'removed' : 'published';
        if (action === 'restore_post' && post.deletedAt !== null) return deletedByAuthor();
        if (post.status === next) return invalidState(`This post is already ${next}.`);
        if (action === 'hide_post' && post.status === 'removed') return invalidState('This post is removed.');
        const changed = await changePostStatus(tx, post, spaceId, next, now);
        details.from = post.status;
        after.push(() => publishPost(changed.post, changed.thread, changed.released));
        break;
      }
      case 'approve_post':
      case 'reject_post': {
        if (!post || !spaceId) return invalidTarget();
        if (post.status !== 'pending') return notPending();
        const next = action === 'approve_post' ? 'published' : 'removed';
        const changed = await changePostStatus(tx, post, spaceId, next, now);
        details.from = post.status;
        await settleReview(tx, actor, post.id, input.itemId, now, after);
        after.push(() => publishPost(changed.post, changed.thread, changed.released));
        break;
      }
      case 'edit_post': {
        if (!post) return invalidTarget();
        if (!input.body) return fail('invalid', 'invalid', 'An edit needs a body.', { fields: { body: 'required' } });
        if (post.status === 'removed') return invalidState('This post is removed.');
        const updated = await postsRepository.replaceBody(tx, post, {
          source: input.body,
          html: renderMarkdown(input.body),
          editedAt: now,
          editorId: actor.userId,
        });
        if (input.note) details.note = input.note;
        after.push(() => publishPost(updated, null));
        break;
      }
      case 'label_post': {
        if (!post) return invalidTarget();
        const label = input.label ?? DEFAULT_LABEL;
        const updated = await repo.setPostLabel(tx, post.id, label);
        details.label = label;
        after.push(() => publishPost(updated, null));
        break;
      }
      case 'lock_thread':
      case 'unlock_thread':
      case 'pin_thread':
      case 'unpin_thread': {
        if (!thread) return invalidTarget();
        const values =
          action === 'lock_thread' || action === 'unlock_thread'
            ? { locked: action === 'lock_thread' }
            : { pinned: action === 'pin_thread' };
        const updated = await repo.setThreadFlags(tx, thread.id, values);
        after.push(() => publishThread(updated));
        break;
      }
      case 'move_thread': {
        if (!thread || !spaceId) return invalidTarget();
        if (!input.toSpace)
          return fail('invalid', 'invalid', 'Name the space to move to.', { fields: { toSpace: 'required' } });
        const target = await spacesRepository.findById(tx, input.toSpace);
        if (!target || !canModerateIn(actor, target.id)) return notFound();
        if (target.id === spaceId) return invalidState('The thread is already in this space.');
        if (target.archivedAt !== null) return invalidState('That space is archived.');
        // A held thread is counted nowhere until approved (changePostStatus).
        if (!thread.held) {
          const published = thread.replyCount + 1;
          await threadsRepository.bumpSpaceCounters(tx, spaceId, { threads: -1, posts: -published });
          await threadsRepository.bumpSpaceCounters(tx, target.id, { threads: 1, posts: published });
        }
        const updated = await repo.setThreadFlags(tx, thread.id, { spaceId: target.id });
        details.fromSpace = spaceId;
        details.toSpace = target.id;
        after.push(() => publishThread(updated));
        break;
      }
      case 'warn_user':
        break;
      case 'mute_user': {
        if (!input.durationHours)
          return fail('invalid', 'invalid', 'A mute needs a duration.', { fields: { durationHours: 'required' } });
        details.durationHours = input.durationHours;
        break;
      }
      case 'ban_user':
        if (input.durationHours) details.durationHours = input.durationHours;
        break;
      case 'suspend_user':
        if (input.durationHours) details.durationHours = input.durationHours;
        break;
      case 'unban_user':
        break;
      case 'unmask_author': {
        const anonymous = post ? post.anonymous : (thread?.anonymous ?? false);
        if (!anonymous) return invalidState('This author is not anonymous.');
        if (!subject.userId) return invalidState('The account behind this content no longer exists.');
        const user = await repo.findUser(tx, subject.userId);
        if (!user) return invalidState('The account behind this content no longer exists.');
        unmasked = { id: user.id, username: user.username };
        break;
      }
    }

    const auditTargetType = input.targetType;
    const auditTargetId = post?.id ?? (input.targetType === 'thread' ? thread?.id : input.targetId) ?? input.targetId;
    const entry = await repo.insertAudit(tx, {
      actorId: actor.userId,
      action,
      spaceId: action === 'suspend_user' ? null : spaceId,
      targetType: auditTargetType,
      targetId: auditTargetId,
      subjectId: subject.userId,
      reason: input.reason,
      details,
      createdAt: now,
    });

    if (subject.userId && ['mute_user', 'ban_user', 'suspend_user'].includes(action)) {
      const kind = action === 'mute_user' ? 'mute' : action === 'ban_user' ? 'ban' : 'suspend';
      await repo.insertSanction(tx, {
        userId: subject.userId,
        spaceId: kind === 'suspend' ? null : spaceId,
        kind,
        expiresAt: input.durationHours ? new Date(now.getTime() + input.durationHours * 3_600_000) : null,
        auditId: entry.id,
        createdAt: now,
      });
      if (kind === 'ban' && spaceId) {
        // Banned from a closed space means out of it: the membership ends and open sockets leave its rooms. (In
        // other spaces a ban stops writing only.) Lifting the ban does not bring the membership back.
        const userId = subject.userId;
        const space = await spacesRepository.findById(tx, spaceId);
        if (space?.visibility === 'closed') {
          await spacesRepository.endMembership(tx, { spaceId, userId, by: actor.userId, at: now });
          const threadIds = await threadsRepository.idsInSpace(tx, spaceId);
          after.push(() =>
            ctx.publisher.leave(rooms.member(userId), [
              rooms.space(spaceId),
              ...threadIds.map((id) => rooms.thread(id)),
            ]),
          );
        }
      }
      if (kind === 'suspend') {
        const userId = subject.userId;
        after.push(async () => {
          await ctx.sessions.invalidateAllForUser(userId);
          ctx.publisher.disconnect(rooms.member(userId));
        });
      }
    }
    if (action === 'unban_user' && subject.userId) {
      const lifted = await repo.liftSanctions(tx, subject.userId, spaceId, ['mute', 'ban'], now);
      if (lifted.length === 0) throw new Rollback(invalidState('This member has no mute or ban here.').error);
    }

    if (subject.userId && notifiedActions.has(action)) {
      const decision: ContentDecision = {
        actionId: entry.id,
        action,
        ...(typeof details.from === 'string' ? { from: details.from } : {}),
        userId: subject.userId,
        spaceId,
        targetType: auditTargetType,
        targetId: auditTargetId,
        reason: input.reason,
      };
      after.push(() => ctx.moderationHooks.contentDecided(decision, logError));
    }
    return ok({ entry, ...(unmasked ? { unmasked } : {}) });
  }

  function isStaffAnywhere(actor: MemberActor): boolean {
    return isStaff(actor);
  }

  async function act(
    actor: MemberActor,
    input: ActionInput,
  ): Promise<
    Result<{
      action: {
        id: string;
        action: ModerationActionName;
        targetType: TargetType;
        targetId: string;
        createdAt: string;
      };
      author?: { id: string; username: string };
    }>
  > {
    if (!isStaff(actor)) {
      // Members have no moderation powers at all.
      return forbidden();
    }
    const now = ctx.clock.now();
    const after: AfterCommit = [];
    const result = await db
      .transaction(async (tx) => {
        const acted = await performAction(tx, actor, input, now, after);
        if (!acted.ok) throw new Rollback(acted.error);
        return acted;
      })
      .catch((error: unknown) => {
        if (error instanceof Rollback) return { ok: false as const, error: error.serviceError };
        throw error;
      });
    if (!result.ok) return result;
    for (const work of after) await work();
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

  // ---------------------------------------------------------------- audit log

  async function log(
    actor: MemberActor,
    query: { space?: string; actor?: string; action?: string; cursor?: string },
  ): Promise<Result<{ items: AuditEntry[]; nextCursor: string | null }>> {
    if (!isStaff(actor)) return forbidden();
    const spaceFilter = await resolveSpaceFilter(actor, query.space);
    if (!spaceFilter.ok) return spaceFilter;
    let before: { createdAt: Date; id: string } | undefined;
    if (query.cursor) {
      const [at, id] = Buffer.from(query.cursor, 'base64url').toString('utf8').split('|');
      const date = new Date(at ?? '');
      if (!id || !isUuid(id) || Number.isNaN(date.getTime()))
        return fail('invalid', 'invalid_cursor', 'This cursor is not valid.');
      before = { createdAt: date, id };
    }
    if (query.actor !== undefined && !isUuid(query.actor)) return ok({ items: [], nextCursor: null });
    const rows = await repo.listAudit(db, {
      spaceIds: moderatedSpaces(actor),
      ...(spaceFilter.value ? { space: spaceFilter.value } : {}),
      ...(query.actor ? { actor: query.actor } : {}),
      ...(query.action ? { action: query.action } : {}),
      ...(before ? { before } : {}),
      limit: LOG_PAGE_SIZE + 1,
    });
    const page = rows.slice(0, LOG_PAGE_SIZE);
    const last = page.at(-1);
    return ok({
      items: page.map((r) => auditView(r.entry, r.actorUsername)),
      nextCursor:
        rows.length > LOG_PAGE_SIZE && last
          ? Buffer.from(`${last.entry.createdAt.toISOString()}|${last.entry.id}`, 'utf8').toString('base64url')
          : null,
    });
  }

  return {
    report,
    flagContent,
    queue,
    getItem,
    claim,
    resolve,
    act,
    log,
    itemViews,
    changePostStatus,
    publishPost,
    logError,
  };
}

/** Carries a service error out of a transaction callback so the transaction rolls back. */
export class Rollback extends Error {
  constructor(readonly serviceError: ServiceError) {
    super(serviceError.code);
  }
}

export type ModerationService = ReturnType<typeof createModerationService>;
