/**
 * The access rules of docs/security.md and docs/architecture.md, written once as predicates over the matrix's roles and
 * states (mirroring spaces.policy.ts, posts.policy.ts and moderation.policy.ts from the outside).
 * The route table builds its expected statuses from these, never from literals per cell.
 */
import type { PostState, Role, SpaceState, State } from './world';

export const isGuest = (role: Role) => role === 'guest';
export const isAdmin = (role: Role) => role === 'admin';
/** Moderates the world's spaces (admins moderate everything). */
export const moderatesWorld = (role: Role) => role === 'admin' || role === 'moderator';
/** Moderates somewhere (the queue and the log exist for them). */
export const isStaff = (role: Role) => moderatesWorld(role) || role === 'otherModerator';
/** Roles with a sanction in every space of the world (suspension: site-wide). */
export const sanctionIn = (role: Role): 'muted' | 'banned' | 'suspended' | null =>
  role === 'muted' || role === 'banned' || role === 'suspended' ? role : null;
/**
 * Roles that are approved members of the closed space. `banned` was one, but a ban in a closed space ends the
 * membership (issue 21): banned there means out of it.
 */
const approvedInClosed = (role: Role) => ['muted', 'suspended', 'author'].includes(role);

export function spaceOf(state: State): SpaceState {
  return state === 'registered' || state === 'closed' || state === 'archived' ? state : 'public';
}

/** Seeing a space's front door (directory entry, page). */
export function seesSpace(role: Role, state: State): boolean {
  const space = spaceOf(state);
  if (isGuest(role)) return space === 'public' || space === 'archived';
  return true;
}

/** Reading a space's threads and posts. */
export function readsSpace(role: Role, state: State): boolean {
  const space = spaceOf(state);
  if (moderatesWorld(role)) return true;
  if (space === 'closed') return approvedInClosed(role);
  if (space === 'registered') return !isGuest(role);
  return true;
}

export const archived = (state: State) => spaceOf(state) === 'archived';

/** Reading a thread: as its space, but a held thread only for its author and moderators (threads.policy.ts). */
export function readsThread(role: Role, state: State): boolean {
  if (!readsSpace(role, state)) return false;
  return state !== 'held' || moderatesWorld(role) || role === 'author';
}

/** The post is in the reader's list (stubs included): pending ones only for their author and moderators. */
export function listsPost(role: Role, state: PostState): boolean {
  if (!readsThread(role, state)) return false;
  return state !== 'pending' || moderatesWorld(role) || role === 'author';
}

/** The post's text reaches the reader (see posts.policy.ts canSeePostContent). */
export function seesPostContent(role: Role, state: PostState): boolean {
  if (!readsThread(role, state)) return false;
  if (moderatesWorld(role)) return true;
  if (state === 'pending' || state === 'hidden' || state === 'held') return role === 'author';
  return state !== 'removed';
}

/** Posting rights in the space, before sanctions: a member who reads it, and the space is not archived. */
export function mayPostIn(role: Role, state: State): boolean {
  return !isGuest(role) && readsThread(role, state) && !archived(state);
}

// ------------------------------------------------------------------ statuses

/** The status of a member-only write: 401 guests, 404 unreadable, 403 refused, else `success`. */
export function guarded(role: Role, visible: boolean, allowed: boolean, success: number | number[]): number | number[] {
  if (isGuest(role)) return 401;
  if (!visible) return 404;
  return allowed ? success : 403;
}

/** Writing in a thread (replies, new threads): archived / locked / sanctioned → 403. */
export function writeStatus(role: Role, state: State, success: number, options: { thread?: boolean } = {}) {
  const locked = options.thread && state === 'locked' && !moderatesWorld(role);
  return guarded(role, readsThread(role, state), mayPostIn(role, state) && !sanctionIn(role) && !locked, success);
}
