/**
 * Ordering and merging for live lists, as plain functions (easy to test):
 * - posts by number: HTTP pages, live events and catch-up after a reconnect can all bring the same post;
 *   the page shows each number once, in order;
 * - threads as the server lists them: pinned first, then newest activity.
 */
import type { Post, Thread } from '@kring/shared';

/** Merges a post into the one already shown. Live events carry the public view, so they keep what is personal. */
export function combinePost(existing: Post | undefined, incoming: Post, personal: boolean): Post {
  if (!existing || personal) return incoming;
  const sameText = existing.html === incoming.html;
  const merged: Post = { ...incoming, mine: existing.mine, myReactions: existing.myReactions };
  if (existing.source !== undefined && sameText) merged.source = existing.source;
  return merged;
}

/** Posts sorted by number, each number once; `incoming` wins over what was there. */
export function mergePosts(current: readonly Post[], incoming: readonly Post[], personal: boolean): Post[] {
  const byNumber = new Map(current.map((post) => [post.number, post]));
  for (const post of incoming) byNumber.set(post.number, combinePost(byNumber.get(post.number), post, personal));
  return [...byNumber.values()].sort((a, b) => a.number - b.number);
}

/** The list's order: pinned first, then newest activity, then id (as the server sorts). */
export function compareThreads(a: Thread, b: Thread): number {
  if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
  if (a.lastActivityAt !== b.lastActivityAt) return a.lastActivityAt < b.lastActivityAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
