/**
 * Moderation's realtime events and its after-commit hooks.
 *
 * Realtime: `moderation:item { item }` goes to `rooms.moderation(spaceId)` (moderators of that space)
 * and to `rooms.moderation('*')` (admins, who see every space and member reports without a space).
 *
 * Hooks: other modules (notifications, issue 6) subscribe with `moderationHooks.onContentDecision(fn)` /
 * `moderationHooks.onAppealDecided(fn)`. They are called after the transaction committed, with the
 * member the decision concerns (`userId`), never exposed to moderators. The default is no subscribers.
 * A failing subscriber is logged and never undoes or fails the moderator's action.
 */
import { rooms, type QueueItem } from '@kring/shared';
import type { Publisher } from '../../realtime/publisher';

export const ALL_SPACES_ROOM = rooms.moderation('*');

export function moderationEvents(publisher: Publisher) {
  return {
    item(item: QueueItem): void {
      if (item.space) publisher.toRoom(rooms.moderation(item.space.id), 'moderation:item', { item });
      publisher.toRoom(ALL_SPACES_ROOM, 'moderation:item', { item });
    },
  };
}

export interface ContentDecision {
  /** The audit entry of the action (what the member can appeal). */
  actionId: string;
  action: string;
  /** The member the action concerns. */
  userId: string;
  spaceId: string | null;
  targetType: string;
  targetId: string;
  reason: string | null;
}

export interface AppealDecision {
  appealId: string;
  actionId: string;
  userId: string;
  decision: 'uphold' | 'overturn';
  reason: string;
}

type Listener<T> = (event: T) => void | Promise<void>;

const contentDecisionListeners: Listener<ContentDecision>[] = [];
const appealDecidedListeners: Listener<AppealDecision>[] = [];

async function emit<T>(listeners: Listener<T>[], event: T, log: (error: unknown) => void): Promise<void> {
  for (const listener of listeners) {
    try {
      await listener(event);
    } catch (error) {
      log(error);
    }
  }
}

export const moderationHooks = {
  /** Subscribe to moderator decisions about a member's content or account. Returns an unsubscribe. */
  onContentDecision(listener: Listener<ContentDecision>): () => void {
    contentDecisionListeners.push(listener);
    return () => contentDecisionListeners.splice(contentDecisionListeners.indexOf(listener), 1);
  },
  onAppealDecided(listener: Listener<AppealDecision>): () => void {
    appealDecidedListeners.push(listener);
    return () => appealDecidedListeners.splice(appealDecidedListeners.indexOf(listener), 1);
  },
  contentDecided: (event: ContentDecision, log: (error: unknown) => void) => emit(contentDecisionListeners, event, log),
  appealDecided: (event: AppealDecision, log: (error: unknown) => void) => emit(appealDecidedListeners, event, log),
};
