/** The shape of a moderator action handler: one per action, in the table `moderation.actions.ts` dispatches on. */
import type { ActionBody, ModerationActionName } from '@kring/shared';
import type { AppContext } from '../../context';
import type { Executor } from '../../db/client';
import type { MemberActor } from '../../lib/actor';
import type { Result } from '../../lib/result';
import type { PostRow } from '../posts/posts.repository';
import type { PostStatusEvents } from '../posts/posts.status';
import type { ThreadRow } from '../threads/threads.repository';
import type { AfterCommit } from './moderation.errors';
import type { ItemRow, TargetType } from './moderation.queue.repository';

/** A validated action body (the shared schema's union), plus the queue item being resolved with it, if any. */
export type ActionInput = ActionBody & { itemId?: string };
export type ActionInputOf<A extends ModerationActionName> = Extract<ActionInput, { action: A }>;

/** What an action resolved to: the content, its space and the member it concerns (never returned). */
export interface Subject {
  post: PostRow | null;
  thread: ThreadRow | null;
  spaceId: string | null;
  /** The member concerned; null when the action is about content whose author is gone. */
  userId: string | null;
}

/** Everything a handler works with, inside the action's transaction. */
export interface ActionCall<I extends ActionInput = ActionInput> {
  ctx: AppContext;
  tx: Executor;
  actor: MemberActor;
  input: I;
  subject: Subject;
  now: Date;
  after: AfterCommit;
  /** What the audit entry records beside the reason (`from`, `label`, `durationHours`, …). */
  details: Record<string, unknown>;
  live: PostStatusEvents;
  publishItems: (items: ItemRow[]) => Promise<void>;
}

export interface ActionOutcome {
  /** Only `unmask_author`: the account, to the admin who asked. */
  unmasked?: { id: string; username: string };
  /** Work that needs the audit entry's id (a sanction points at the entry that imposed it). */
  afterAudit?: (auditId: string) => Promise<void>;
}

export interface ActionHandler<A extends ModerationActionName = ModerationActionName> {
  /** Which content the action is about: a member action needs the member behind the target. */
  group: 'post' | 'thread' | 'member';
  /** The target types the action accepts (a thread action on a post acts on the post's thread). */
  targets: readonly TargetType[];
  /** A mute, ban or unban needs a space (the target's, or `space` for a member). */
  needsSpace?: boolean;
  run(call: ActionCall<ActionInputOf<A>>): Promise<Result<ActionOutcome>>;
}

export type ActionHandlers = { [A in ModerationActionName]: ActionHandler<A> };
