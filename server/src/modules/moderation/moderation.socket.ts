/**
 * `moderation:join { space? }`: live queue updates. With a space (id or slug): moderators of that space
 * and admins. Without: every space the actor moderates (admins join the all-spaces room). Anyone else
 * is refused like a missing space.
 */
import { moderationJoinPayloadSchema, rooms, type AckResult } from '@kring/shared';
import type { AppContext } from '../../context';
import { isUuid } from '../../lib/ids';
import { socketActor } from '../../realtime/gateway';
import type { KringSocket } from '../../realtime/publisher';
import { ALL_SPACES_ROOM } from './moderation.events';
import { canModerateIn, moderatedSpaces } from './moderation.policy';
import { spacesRepository } from '../spaces/spaces.repository';
import type { ModerationServices } from './moderation.services';

export function moderationSocketHandlers(ctx: AppContext, _moderation: ModerationServices) {
  const db = ctx.database.db;

  async function join(socket: KringSocket, payload: unknown): Promise<AckResult> {
    const parsed = moderationJoinPayloadSchema.safeParse(payload ?? {});
    if (!parsed.success) return { ok: false, error: 'invalid' };
    const actor = socketActor(socket);
    if (actor.kind !== 'member') return { ok: false, error: 'not_found' };
    const { space } = parsed.data;
    if (space !== undefined) {
      const row = isUuid(space)
        ? await spacesRepository.findById(db, space)
        : await spacesRepository.findBySlug(db, space);
      if (!row || !canModerateIn(actor, row.id)) return { ok: false, error: 'not_found' };
      await socket.join(rooms.moderation(row.id));
      return { ok: true };
    }
    const scope = moderatedSpaces(actor);
    if (scope === null) {
      await socket.join(ALL_SPACES_ROOM);
      return { ok: true };
    }
    if (scope.length === 0) return { ok: false, error: 'not_found' };
    await socket.join(scope.map((id) => rooms.moderation(id)));
    return { ok: true };
  }

  return (socket: KringSocket): void => {
    socket.on('moderation:join', (payload, ack) => {
      const respond = typeof ack === 'function' ? ack : () => undefined;
      join(socket, payload).then(respond, () => respond({ ok: false, error: 'unavailable' }));
    });
  };
}
