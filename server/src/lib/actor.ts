/**
 * Who is asking. The signed-out reader is a real actor (`guest`), never null, so policies can be
 * written as total functions that deny by default.
 */
export interface GuestActor {
  kind: 'guest';
}

export interface MemberActor {
  kind: 'member';
  userId: string;
  username: string;
  role: 'member' | 'admin';
  locale: 'nl' | 'en';
  /** Ids of the spaces this member moderates. */
  moderatorOf: readonly string[];
  createdAt: Date;
  /** The hashed id of the session this request came with. */
  sessionId: string;
}

export type Actor = GuestActor | MemberActor;

export const guest: GuestActor = Object.freeze({ kind: 'guest' });

export const isMember = (actor: Actor): actor is MemberActor => actor.kind === 'member';
export const isAdmin = (actor: Actor): boolean => actor.kind === 'member' && actor.role === 'admin';
export const moderates = (actor: Actor, spaceId: string): boolean =>
  actor.kind === 'member' && (actor.role === 'admin' || actor.moderatorOf.includes(spaceId));
