/**
 * Which realtime events go to which rooms, for threads, posts and reactions. Called by the services
 * after their transaction has committed (never inside it), and by the socket handlers.
 * Payloads carry the public view of a post: never a source, never the account behind an alias.
 */
import { rooms, type Post, type PostStatus, type ReactionCounts, type Thread } from '@kring/shared';
import type { Publisher } from '../../realtime/publisher';

export function threadEvents(publisher: Publisher) {
  return {
    postCreated(threadId: string, post: Post): void {
      publisher.toRoom(rooms.thread(threadId), 'post:created', { threadId, post });
    },
    postUpdated(threadId: string, post: Post): void {
      publisher.toRoom(rooms.thread(threadId), 'post:updated', { threadId, post });
    },
    postRemoved(threadId: string, post: { id: string; number: number; status: PostStatus }): void {
      publisher.toRoom(rooms.thread(threadId), 'post:removed', {
        threadId,
        postId: post.id,
        number: post.number,
        status: post.status,
      });
    },
    reactionsUpdated(threadId: string, postId: string, reactions: ReactionCounts): void {
      publisher.toRoom(rooms.thread(threadId), 'reactions:updated', { threadId, postId, reactions });
    },
    /**
     * Counters and activity changed: space pages re-sort their list. Nothing about a held thread goes to
     * its space's room (guests and every member are there): `held` is the thread row's flag.
     */
    threadActivity(thread: Thread, held: boolean): void {
      if (held) return;
      publisher.toRoom(rooms.space(thread.spaceId), 'thread:updated', { thread });
    },
    threadCreated(thread: Thread): void {
      publisher.toRoom(rooms.space(thread.spaceId), 'space:thread_created', { slug: thread.spaceSlug, thread });
    },
    presence(threadId: string, readers: number): void {
      publisher.toRoom(rooms.thread(threadId), 'thread:presence', { threadId, readers });
    },
    typing(threadId: string, exceptSocketId: string): void {
      publisher.toRoomExcept(rooms.thread(threadId), exceptSocketId, 'thread:typing', { threadId });
    },
    /** Catch-up after a (re)join: one missed post, to that socket only. */
    missedPost(socketId: string, threadId: string, post: Post): void {
      publisher.toSocket(socketId, 'post:created', { threadId, post });
    },
  };
}

export type ThreadEvents = ReturnType<typeof threadEvents>;
