/**
 * What a reader may see of a post and what its author may do with it. Pure predicates; deny by default.
 *
 * - published: everyone who can read the thread sees it.
 * - pending (held for review): listed only for its author and the space's moderators.
 * - hidden (by a moderator): a stub for everyone else; its author and moderators still see the text.
 * - removed: a stub for everyone but moderators (also for the author who deleted it).
 */
import type { Actor } from '../../lib/actor';

export type PostStatus = 'published' | 'pending' | 'hidden' | 'removed';

export interface PostForPolicy {
  authorId: string | null;
  status: PostStatus;
}

export function isAuthor(actor: Actor, post: PostForPolicy): boolean {
  return actor.kind === 'member' && post.authorId !== null && post.authorId === actor.userId;
}

/** Whether the post appears in the reader's list at all (stubs included). */
export function isListedFor(actor: Actor, post: PostForPolicy, moderator: boolean): boolean {
  if (post.status !== 'pending') return true;
  return moderator || isAuthor(actor, post);
}

export function canSeePostContent(actor: Actor, post: PostForPolicy, moderator: boolean): boolean {
  if (moderator) return true;
  switch (post.status) {
    case 'published':
      return true;
    case 'pending':
    case 'hidden':
      return isAuthor(actor, post);
    default:
      return false;
  }
}

/** The markdown source: for its author (while the post is not removed) and for moderators. */
export function canSeeSource(actor: Actor, post: PostForPolicy, moderator: boolean): boolean {
  if (moderator) return true;
  return isAuthor(actor, post) && post.status !== 'removed';
}

/** Authors edit their own published or held posts (a hidden post waits for a moderator). */
export function canEditPost(actor: Actor, post: PostForPolicy): boolean {
  return isAuthor(actor, post) && (post.status === 'published' || post.status === 'pending');
}

/** Authors can always take their own words back, even in a locked thread or an archived space. */
export function canDeletePost(actor: Actor, post: PostForPolicy): boolean {
  return isAuthor(actor, post) && post.status !== 'removed';
}

/** Reactions go to published posts of others. */
export function canReactToPost(actor: Actor, post: PostForPolicy): boolean {
  return actor.kind === 'member' && post.status === 'published' && !isAuthor(actor, post);
}
