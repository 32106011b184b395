/**
 * Moderation → notifications (issue 6), subscribed once per app on `ctx.moderationHooks`:
 * - a decision about a member's content or account (hide, remove, restore, edit, label, auto-hide; warn,
 *   mute, ban, unban, suspend) → `moderation_decision` to that member, `outcome` = the action
 *   (`approved` when a held post was published: `approve_post`, or `restore_post` of a pending one;
 *   `rejected`, with the moderator's reason, for `reject_post`);
 * - an approved held post then sets off the same after-publish step as a post published at once
 *   (`notifyPublishedPost`: thread or space followers, mentions);
 * - an appeal's outcome → `appeal_decided` to the member who appealed, `outcome` = `uphold` | `overturn`.
 * Runs after the moderator's transaction committed, in its own; never names the moderator, and the data
 * only points at the member's own content (an anonymous post stays anonymous: nothing names its author).
 */
import type { AppContext } from '../../context';
import type { NotificationData } from '../../db/schema';
import type { AppealDecision, ContentDecision } from '../moderation/moderation.events';
import { postsRepository } from '../posts/posts.repository';
import { spacesRepository } from '../spaces/spaces.repository';
import { threadsRepository } from '../threads/threads.repository';
import { notifyPublishedPost } from './notifications.fanout';
import type { PendingNotification } from '../../context';

/** Where a decision's target is, as notification fields (nothing for a decision about an account). */
interface Place {
  threadId: string | null;
  spaceId: string | null;
  data: NotificationData;
}

// eslint-disable-next-line max-lines-per-function -- a factory: its length is the sum of the small, separately named functions it returns
export function subscribeModerationNotifications(ctx: AppContext): void {
  const db = ctx.database.db;
  const notifier = ctx.notifier;

  async function placeOf(targetType: string, targetId: string, spaceId: string | null): Promise<Place> {
    let threadId: string | null = null;
    let postNumber: number | undefined;
    if (targetType === 'post') {
      const record = await postsRepository.findById(db, targetId);
      if (record) {
        threadId = record.post.threadId;
        postNumber = record.post.number;
      }
    } else if (targetType === 'thread') {
      threadId = targetId;
    }
    const found = threadId ? await threadsRepository.findWithSpace(db, threadId) : null;
    if (!found) {
      // A decision about the account in a space (mute, ban, unban): say which space.
      const space = spaceId ? await spacesRepository.findById(db, spaceId) : null;
      return { threadId: null, spaceId, data: space ? { spaceSlug: space.slug, spaceName: space.name } : {} };
    }
    return {
      threadId,
      spaceId: found.space.id,
      data: {
        threadTitle: found.record.thread.title,
        spaceSlug: found.space.slug,
        spaceName: found.space.name,
        ...(postNumber !== undefined ? { postNumber } : {}),
      },
    };
  }

  ctx.moderationHooks.onContentDecision(async (decision: ContentDecision) => {
    const approved =
      decision.action === 'approve_post' || (decision.action === 'restore_post' && decision.from === 'pending');
    const rejected = decision.action === 'reject_post';
    const outcome = approved ? 'approved' : rejected ? 'rejected' : decision.action;
    const place = await placeOf(decision.targetType, decision.targetId, decision.spaceId);
    const pending = await db.transaction(async (tx) => {
      const written: (PendingNotification | null)[] = [
        await notifier.notify(tx, {
          userId: decision.userId,
          type: 'moderation_decision',
          threadId: place.threadId,
          spaceId: place.spaceId,
          data: { ...place.data, outcome, ...(rejected && decision.reason ? { reason: decision.reason } : {}) },
        }),
      ];
      if (approved) {
        const record = await postsRepository.findById(tx, decision.targetId);
        const found = record ? await threadsRepository.findWithSpace(tx, record.post.threadId) : null;
        // A reply approved inside a still held thread tells nobody (only its author and moderators see it).
        if (record && found && record.post.status === 'published' && !found.record.thread.held) {
          written.push(
            ...(await notifyPublishedPost(tx, notifier, {
              thread: { id: found.record.thread.id, title: found.record.thread.title },
              space: { id: found.space.id, slug: found.space.slug, name: found.space.name },
              post: {
                number: record.post.number,
                anonymous: record.post.anonymous,
                source: record.post.source,
                authorId: record.post.authorId,
              },
              authorUsername: record.post.anonymous ? null : record.authorUsername,
            })),
          );
        }
      }
      return written;
    });
    await notifier.deliver(pending);
  });

  ctx.moderationHooks.onAppealDecided(async (decision: AppealDecision) => {
    const place = await placeOf(decision.targetType, decision.targetId, decision.spaceId);
    const pending = await db.transaction(async (tx) => [
      await notifier.notify(tx, {
        userId: decision.userId,
        type: 'appeal_decided',
        threadId: place.threadId,
        spaceId: place.spaceId,
        data: { ...place.data, outcome: decision.decision },
      }),
    ]);
    await notifier.deliver(pending);
  });
}
