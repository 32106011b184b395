/** Thread actions: lock, unlock, pin, unpin and move to another space (counters through posts.status.ts). */
import { ok } from '../../lib/result';
import { moveThread, setThreadFlags } from '../posts/posts.status';
import { spacesRepository } from '../spaces/spaces.repository';
import type { ActionHandler, ActionHandlers } from './moderation.actions.types';
import { invalidState, invalidTarget, notFound } from './moderation.errors';
import { canModerateIn } from './moderation.policy';

type FlagAction = 'lock_thread' | 'unlock_thread' | 'pin_thread' | 'unpin_thread';
const flagsFor: Record<FlagAction, { locked: boolean } | { pinned: boolean }> = {
  lock_thread: { locked: true },
  unlock_thread: { locked: false },
  pin_thread: { pinned: true },
  unpin_thread: { pinned: false },
};

function flagHandler<A extends FlagAction>(action: A): ActionHandler<A> {
  return {
    group: 'thread',
    targets: ['post', 'thread'],
    async run(call) {
      const { thread } = call.subject;
      if (!thread) return invalidTarget();
      const updated = await setThreadFlags(call.tx, thread.id, flagsFor[action]);
      call.after.push(() => call.live.publishThread(updated));
      return ok({});
    },
  };
}

export const threadHandlers: Pick<ActionHandlers, FlagAction | 'move_thread'> = {
  lock_thread: flagHandler('lock_thread'),
  unlock_thread: flagHandler('unlock_thread'),
  pin_thread: flagHandler('pin_thread'),
  unpin_thread: flagHandler('unpin_thread'),
  move_thread: {
    group: 'thread',
    targets: ['post', 'thread'],
    async run(call) {
      const { thread, spaceId } = call.subject;
      if (!thread || !spaceId) return invalidTarget();
      const target = await spacesRepository.findById(call.tx, call.input.toSpace);
      if (!target || !canModerateIn(call.actor, target.id)) return notFound();
      if (target.id === spaceId) return invalidState('The thread is already in this space.');
      if (target.archivedAt !== null) return invalidState('That space is archived.');
      const updated = await moveThread(call.tx, thread, target.id);
      call.details.fromSpace = spaceId;
      call.details.toSpace = target.id;
      call.after.push(() => call.live.publishThread(updated));
      return ok({});
    },
  },
};
