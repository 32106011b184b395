/**
 * The notifier as lower domains see it (spaces, threads, posts): they write notifications inside their own
 * transaction and deliver them after the commit, without importing the notifications domain. The
 * notifications domain implements it (`notifications.service.ts`) and the composition root registers it on
 * `ctx.notifier` (`modules/services.ts`).
 */
import type { Notification } from '@kring/shared';
import type { Executor } from '../db/client';
import type { NotificationData, NotificationType, PostRow, ThreadRow } from '../db/schema';
import type { MemberActor } from '../lib/actor';

export interface NotifyInput {
  userId: string;
  type: NotificationType;
  threadId?: string | null;
  spaceId?: string | null;
  data?: NotificationData;
  /** Digest group: further events fold into the member's unread notification of the same group. */
  groupKey?: string | null;
}

/** Written but not yet delivered: hand these to `deliver` after the transaction commits. */
export interface PendingNotification {
  userId: string;
  notification: Notification;
}

/** A post that just committed, for `postCommitted` (the writer follows; followers and mentions hear of it). */
export interface CommittedPost {
  written: { thread: ThreadRow; post: PostRow };
  space: { id: string; slug: string; name: string };
  writer: MemberActor;
  now: Date;
}

export interface Notifier {
  /** Inside the caller's transaction. Null when the member does not want it (type off, or paused). */
  notify(tx: Executor, input: NotifyInput): Promise<PendingNotification | null>;
  /** Several at once inside the caller's transaction (a bounded number of round trips). */
  notifyMany(tx: Executor, inputs: readonly NotifyInput[]): Promise<PendingNotification[]>;
  /** After the commit: to every open tab of each member, with their new unread count. */
  deliver(pending: readonly (PendingNotification | null)[]): Promise<void>;
  /**
   * After a post committed, outside its transaction: the writer follows the thread, and — when it is
   * published — followers and mentioned members are notified. Never throws (a failure is logged: the
   * post is saved already).
   */
  postCommitted(input: CommittedPost): Promise<void>;
}
