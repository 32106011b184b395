/**
 * Post actions: hide, remove, restore, approve/reject a held post, edit, label, and (admins) unmask an
 * anonymous author. Status changes and their counters go through posts.status.ts.
 */
import type { ModerationActionName } from '@kring/shared';
import { renderMarkdown } from '../../content/markdown';
import { ok, type Result } from '../../lib/result';
import { postsRepository, type PostRow } from '../posts/posts.repository';
import { changePostStatus, setPostLabel } from '../posts/posts.status';
import type {
  ActionCall,
  ActionHandler,
  ActionHandlers,
  ActionInputOf,
  ActionOutcome,
} from './moderation.actions.types';
import { accountGone, deletedByAuthor, invalidState, invalidTarget, notPending } from './moderation.errors';
import { queueRepository } from './moderation.queue.repository';
import { reportsRepository } from './moderation.reports.repository';

/**
 * The label a moderator puts under a post when they give none. Stored data, not a UI string: it is written
 * into `posts.label` and every reader sees that text, like a moderator's own label in the community's language.
 */
export const DEFAULT_LABEL = 'ervaringskennis — geen medisch advies';

const done = (): Result<ActionOutcome> => ok({});

/**
 * Approving or rejecting a held post settles its review: its open queue item is resolved (unless it is
 * the item the queue is resolving right now, which `resolve` closes itself).
 */
async function settleReview(call: ActionCall, postId: string): Promise<void> {
  const { tx, actor, now } = call;
  const item = await queueRepository.findOpenItemFor(tx, 'post', postId);
  if (!item || item.id === call.input.itemId) return;
  await reportsRepository.closeReports(tx, item.id);
  const resolved = await queueRepository.updateItem(tx, item.id, {
    status: 'resolved',
    decision: 'agree',
    resolvedBy: actor.userId,
    resolvedAt: now,
    claimedBy: actor.userId,
    updatedAt: now,
  });
  call.after.push(() => call.publishItems([resolved]));
}

/** Moves the post to `next` (counters and all), records where it came from, publishes after commit. */
async function moveStatus(call: ActionCall, post: PostRow, spaceId: string, next: PostRow['status']) {
  const changed = await changePostStatus(call.tx, post, spaceId, next, call.now);
  call.details.from = post.status;
  call.after.push(() => call.live.publishChange(changed));
}

type StatusAction = 'hide_post' | 'remove_post' | 'restore_post';
const statusFor: Record<StatusAction, PostRow['status']> = {
  hide_post: 'hidden',
  remove_post: 'removed',
  restore_post: 'published',
};

/** A handler about one post in its space: the target must be a post (the queue's items on threads are not). */
function onPost<A extends ModerationActionName>(
  run: (call: ActionCall<ActionInputOf<A>>, post: PostRow, spaceId: string) => Promise<Result<ActionOutcome>>,
): ActionHandler<A> {
  return {
    group: 'post',
    targets: ['post'],
    async run(call) {
      const { post, spaceId } = call.subject;
      if (!post || !spaceId) return invalidTarget();
      return run(call, post, spaceId);
    },
  };
}

const statusHandler = <A extends StatusAction>(action: A) =>
  onPost<A>(async (call, post, spaceId) => {
    const next = statusFor[action];
    if (action === 'restore_post' && post.deletedAt !== null) return deletedByAuthor();
    if (post.status === next) return invalidState(`This post is already ${next}.`);
    if (action === 'hide_post' && post.status === 'removed') return invalidState('This post is removed.');
    await moveStatus(call, post, spaceId, next);
    return done();
  });

const reviewHandler = <A extends 'approve_post' | 'reject_post'>(action: A) =>
  onPost<A>(async (call, post, spaceId) => {
    if (post.status !== 'pending') return notPending();
    await moveStatus(call, post, spaceId, action === 'approve_post' ? 'published' : 'removed');
    await settleReview(call, post.id);
    return done();
  });

type PostAction = StatusAction | 'approve_post' | 'reject_post' | 'edit_post' | 'label_post' | 'unmask_author';

export const postHandlers: Pick<ActionHandlers, PostAction> = {
  hide_post: statusHandler('hide_post'),
  remove_post: statusHandler('remove_post'),
  restore_post: statusHandler('restore_post'),
  approve_post: reviewHandler('approve_post'),
  reject_post: reviewHandler('reject_post'),
  edit_post: onPost<'edit_post'>(async (call, post) => {
    if (post.status === 'removed') return invalidState('This post is removed.');
    const { body, note } = call.input;
    const updated = await postsRepository.replaceBody(call.tx, post, {
      source: body,
      html: renderMarkdown(body),
      editedAt: call.now,
      editorId: call.actor.userId,
    });
    if (note) call.details.note = note;
    call.after.push(() => call.live.publishPost(updated, null));
    return done();
  }),
  label_post: onPost<'label_post'>(async (call, post) => {
    const label = call.input.label ?? DEFAULT_LABEL;
    const updated = await setPostLabel(call.tx, post.id, label);
    call.details.label = label;
    call.after.push(() => call.live.publishPost(updated, null));
    return done();
  }),
  unmask_author: {
    group: 'post',
    targets: ['post', 'thread'],
    async run(call) {
      const { post, thread, userId } = call.subject;
      const anonymous = post ? post.anonymous : (thread?.anonymous ?? false);
      if (!anonymous) return invalidState('This author is not anonymous.');
      if (!userId) return accountGone();
      const user = await queueRepository.findUser(call.tx, userId);
      if (!user) return accountGone();
      return ok({ unmasked: { id: user.id, username: user.username } });
    },
  },
};
