/** Who may do what with accounts and sessions. Pure predicates; deny by default. */
import type { Actor } from '../../lib/actor';

/** A member may end their own sessions, and nobody else's (not even an admin: sessions are private). */
export function canRevokeSession(actor: Actor, session: { userId: string }): boolean {
  return actor.kind === 'member' && session.userId === actor.userId;
}
