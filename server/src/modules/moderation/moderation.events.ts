/**
 * Moderation's realtime events and its after-commit hooks.
 *
 * Realtime: `moderation:item { item }` goes to `rooms.moderation(spaceId)` (moderators of that space)
 * and to `rooms.moderation('*')` (admins, who see every space and member reports without a space).
 *
 * Hooks: other modules subscribe once, in their routes function, with `ctx.moderationHooks.onContentDecision(fn)`
 * / `ctx.moderationHooks.onAppealDecided(fn)` (notifications does: notifications.moderation.ts). They are
 * called after the transaction committed, with the member the decision concerns (`userId`), never exposed to
 * moderators. A failing subscriber is logged and never undoes or fails the moderator's action.
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
  /** The audit entry of the action (what the member can appeal, when it is appealable). */
  actionId: string;
  action: string;
  /** The post's status before a status change (`pending` → published: a held post was approved). */
  from?: string;
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
  /** The appealed action and what it was about (for the member's notification). */
  action: string;
  spaceId: string | null;
  targetType: string;
  targetId: string;
  userId: string;
  decision: 'uphold' | 'overturn';
  reason: string;
}

type Listener<T> = (event: T) => void | Promise<void>;

async function emit<T>(listeners: readonly Listener<T>[], event: T, log: (error: unknown) => void): Promise<void> {
  for (const listener of listeners) {
    try {
      await listener(event);
    } catch (error) {
      log(error);
    }
  }
}

/**
 * The hooks of one app (created by buildApp and kept on `ctx.moderationHooks`, like the publisher), so
 * two apps in one process — tests, several workers — never hear each other's decisions.
 */
export function createModerationHooks() {
  const contentDecisionListeners: Listener<ContentDecision>[] = [];
  const appealDecidedListeners: Listener<AppealDecision>[] = [];
  const unsubscribe =
    <T>(listeners: Listener<T>[], listener: Listener<T>) =>
    () => {
      const at = listeners.indexOf(listener);
      if (at >= 0) listeners.splice(at, 1);
    };
  return {
    /** Subscribe to moderator decisions about a member's content or account. Returns an unsubscribe. */
    onContentDecision(listener: Listener<ContentDecision>): () => void {
      contentDecisionListeners.push(listener);
      return unsubscribe(contentDecisionListeners, listener);
    },
    onAppealDecided(listener: Listener<AppealDecision>): () => void {
      appealDecidedListeners.push(listener);
      return unsubscribe(appealDecidedListeners, listener);
    },
    contentDecided: (event: ContentDecision, log: (error: unknown) => void) =>
      emit(contentDecisionListeners, event, log),
    appealDecided: (event: AppealDecision, log: (error: unknown) => void) => emit(appealDecidedListeners, event, log),
  };
}

export type ModerationHooks = ReturnType<typeof createModerationHooks>;
