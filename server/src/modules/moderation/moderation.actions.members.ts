/**
 * Member actions: warn, mute, ban, unban and (admins) suspend. A sanction points at the audit entry that
 * imposed it. Banned from a closed space means out of it; a suspension ends every session.
 */
import { rooms } from '@kring/shared';
import { ok, type Result } from '../../lib/result';
import { spacesRepository } from '../spaces/spaces.repository';
import { threadsRepository } from '../threads/threads.repository';
import type {
  ActionCall,
  ActionHandler,
  ActionHandlers,
  ActionInputOf,
  ActionOutcome,
} from './moderation.actions.types';
import { invalidState } from './moderation.errors';
import { sanctionsRepository, type SanctionRow } from './moderation.sanctions.repository';

type SanctionAction = 'mute_user' | 'ban_user' | 'suspend_user';
const kindFor: Record<SanctionAction, SanctionRow['kind']> = {
  mute_user: 'mute',
  ban_user: 'ban',
  suspend_user: 'suspend',
};

/**
 * Banned from a closed space means out of it: the membership ends and open sockets leave its rooms. (In
 * other spaces a ban stops writing only.) Lifting the ban does not bring the membership back.
 */
async function endClosedMembership(call: ActionCall, userId: string, spaceId: string): Promise<void> {
  const { tx } = call;
  const space = await spacesRepository.findById(tx, spaceId);
  if (space?.visibility !== 'closed') return;
  await spacesRepository.endMembership(tx, { spaceId, userId, by: call.actor.userId, at: call.now });
  const threadIds = await threadsRepository.idsInSpace(tx, spaceId);
  call.after.push(() =>
    call.ctx.publisher.leave(rooms.member(userId), [rooms.space(spaceId), ...threadIds.map((id) => rooms.thread(id))]),
  );
}

function sanctionHandler<A extends SanctionAction>(action: A): ActionHandler<A> {
  const kind = kindFor[action];
  return {
    group: 'member',
    targets: ['post', 'thread', 'user'],
    needsSpace: kind !== 'suspend',
    async run(call): Promise<Result<ActionOutcome>> {
      const input: ActionInputOf<SanctionAction> = call.input;
      const { durationHours } = input;
      if (durationHours) call.details.durationHours = durationHours;
      const { userId } = call.subject;
      if (!userId) return ok({});
      const spaceId = kind === 'suspend' ? null : call.subject.spaceId;
      const afterAudit = async (auditId: string) => {
        const { now } = call;
        await sanctionsRepository.insertSanction(call.tx, {
          userId,
          spaceId,
          kind,
          expiresAt: durationHours ? new Date(now.getTime() + durationHours * 3_600_000) : null,
          auditId,
          createdAt: now,
        });
        if (kind === 'ban' && spaceId) await endClosedMembership(call, userId, spaceId);
        if (kind === 'suspend') {
          call.after.push(async () => {
            await call.ctx.sessions.invalidateAllForUser(userId);
            call.ctx.publisher.disconnect(rooms.member(userId));
          });
        }
      };
      return ok({ afterAudit });
    },
  };
}

export const memberHandlers: Pick<ActionHandlers, SanctionAction | 'warn_user' | 'unban_user'> = {
  warn_user: { group: 'member', targets: ['post', 'thread', 'user'], run: async () => ok({}) },
  mute_user: sanctionHandler('mute_user'),
  ban_user: sanctionHandler('ban_user'),
  suspend_user: sanctionHandler('suspend_user'),
  unban_user: {
    group: 'member',
    targets: ['post', 'thread', 'user'],
    needsSpace: true,
    async run(call) {
      const { userId, spaceId } = call.subject;
      if (!userId) return ok({});
      const lifted = await sanctionsRepository.liftSanctions(call.tx, userId, spaceId, ['mute', 'ban'], call.now);
      if (lifted.length === 0) return invalidState('This member has no mute or ban here.');
      return ok({});
    },
  },
};
