/**
 * The typed Socket.IO contract shared by server and web client, and the helpers that name rooms.
 * Later features add events here; the server's publisher is the only module that emits them.
 */
import { z } from 'zod';
import { spaceRefSchema } from '../schemas/common';
import type { Notification } from '../schemas/search';
import type { QueueItem } from '../schemas/moderation';
import type { Post, PostStatus, ReactionCounts, Thread } from '../schemas/threads';

/**
 * Every client event is answered with an ack. Error codes include `invalid`, `not_found`, `unavailable`,
 * `rate_limited` (over a flood limit: nothing was done; a connection that keeps going is disconnected) and, for
 * joins, `too_many_rooms` (the connection is in as many thread or space rooms as it may be).
 */
export type AckResult = { ok: true } | { ok: false; error: string };
export type Ack = (result: AckResult) => void;

/**
 * The answer to `thread:join`. `latestNumber` is the newest post number the reader may see;
 * `complete` is false when more posts were missed than a catch-up sends (then load them over HTTP).
 */
export type ThreadJoinResult = { ok: true; latestNumber: number; complete: boolean } | { ok: false; error: string };

export interface ServerToClientEvents {
  /** Sent once after the handshake so clients can tell the connection is live. */
  hello: (payload: { serverTime: string }) => void;
  /** A new post (rendered HTML, never the account behind an anonymous post). Also used for catch-up after a join. */
  'post:created': (payload: { threadId: string; post: Post }) => void;
  'post:updated': (payload: { threadId: string; post: Post }) => void;
  'post:removed': (payload: { threadId: string; postId: string; number: number; status: PostStatus }) => void;
  'reactions:updated': (payload: { threadId: string; postId: string; reactions: ReactionCounts }) => void;
  'thread:updated': (payload: { thread: Thread }) => void;
  /** How many people have the thread open ("3 mensen lezen mee"). */
  'thread:presence': (payload: { threadId: string; readers: number }) => void;
  /** Someone is writing a reply; never says who. */
  'thread:typing': (payload: { threadId: string }) => void;
  'space:thread_created': (payload: { slug: string; thread: Thread }) => void;
  /** To every open tab of one member: a new or updated (digest) notification, and the unread count after it. */
  notification: (payload: { notification: Notification; unreadCount: number }) => void;
  /** To every open tab of one member after notifications were marked read elsewhere. */
  'notifications:read': (payload: { unreadCount: number }) => void;
  /** A review item was created or changed (moderators of its space and admins only). */
  'moderation:item': (payload: { item: QueueItem }) => void;
}

export interface ClientToServerEvents {
  ping: (ack: Ack) => void;
  'thread:join': (payload: ThreadJoinPayload, ack: (result: ThreadJoinResult) => void) => void;
  'thread:leave': (payload: ThreadRefPayload, ack: Ack) => void;
  'thread:typing': (payload: ThreadRefPayload, ack?: Ack) => void;
  'space:join': (payload: SpaceRefPayload, ack: Ack) => void;
  'space:leave': (payload: SpaceRefPayload, ack: Ack) => void;
  /** Live queue updates: one space (its moderators, admins) or, without `space`, every space the actor moderates. */
  'moderation:join': (payload: ModerationJoinPayload, ack: Ack) => void;
}

export type InterServerEvents = Record<string, never>;

// Payloads the server validates before acting on them (sockets get no schema validation for free).
export const threadJoinPayloadSchema = z.strictObject({
  threadId: z.string().min(1).max(100),
  lastSeenNumber: z.number().int().min(0).max(1_000_000_000).optional(),
});
export const threadRefPayloadSchema = z.strictObject({ threadId: z.string().min(1).max(100) });
export const spaceRefPayloadSchema = z.strictObject({ slug: spaceRefSchema });

export const moderationJoinPayloadSchema = z.strictObject({ space: spaceRefSchema.optional() });
export type ModerationJoinPayload = z.infer<typeof moderationJoinPayloadSchema>;
export type ThreadJoinPayload = z.infer<typeof threadJoinPayloadSchema>;
export type ThreadRefPayload = z.infer<typeof threadRefPayloadSchema>;
export type SpaceRefPayload = z.infer<typeof spaceRefPayloadSchema>;

export const rooms = {
  thread: (threadId: string) => `thread:${threadId}`,
  space: (spaceId: string) => `space:${spaceId}`,
  member: (userId: string) => `member:${userId}`,
  /** Every socket of one login session; the server disconnects it when the session ends. */
  session: (sessionId: string) => `session:${sessionId}`,
  moderation: (spaceId: string) => `moderation:${spaceId}`,
} as const;
