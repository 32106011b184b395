/**
 * Socket handlers for threads and spaces: guarded joins (the same visibility check as the HTTP routes;
 * a thread or space the reader may not see is refused exactly like a missing one), catch-up after a
 * reconnect, the reader count and the anonymous typing indicator.
 *
 * Catch-up: the socket joins the room *before* the missed posts are read, so every post is either in
 * the catch-up or arrives live — no gaps. A post committed in that short window can arrive both ways;
 * clients merge posts by number (the web app's ThreadState does), so the page never shows it twice.
 */
import {
  rooms,
  spaceRefPayloadSchema,
  threadJoinPayloadSchema,
  threadRefPayloadSchema,
  type AckResult,
  type Post,
  type ThreadJoinResult,
} from '@kring/shared';
import type { AppContext } from '../../context';
import { socketActor } from '../../realtime/gateway';
import type { KringSocket, SocketData } from '../../realtime/publisher';
import type { Actor } from '../../lib/actor';
import { openSpace, loadThreadForActor, type ThreadAccess } from './threads.access';
import { threadEvents } from './threads.events';

/**
 * At most this many missed posts (one page of the HTTP API, as posts' DEFAULT_PAGE_SIZE) are sent on join;
 * beyond that the client loads pages over HTTP. This bounds the work one join can cause.
 */
export const CATCH_UP_MAX = 30;
/**
 * The rooms one connection may be in. The web app joins one thread and its space per page (and leaves them
 * when the page closes); a join beyond the cap is refused with `too_many_rooms` before any database work.
 */
export const MAX_THREAD_ROOMS = 50;
export const MAX_SPACE_ROOMS = 20;
/** One typing signal per socket per thread per this many milliseconds. */
export const TYPING_INTERVAL_MS = 2_000;
/**
 * At most one reader count per thread per this many milliseconds: the first change is sent at once, the
 * changes within the window after it become one count at its end. A burst of n readers joining costs a few
 * room broadcasts instead of n (each one counting and reaching every reader: O(n²) messages).
 */
export const PRESENCE_INTERVAL_MS = 250;

const THREAD_ROOM_PREFIX = rooms.thread('');
const SPACE_ROOM_PREFIX = rooms.space('');

/** Whether the socket may join `room`: it is in it already, or in fewer than `max` rooms of that kind. */
function roomAllowed(socket: KringSocket, room: string, prefix: string, max: number): boolean {
  if (socket.rooms.has(room)) return true;
  let count = 0;
  for (const joined of socket.rooms) if (joined.startsWith(prefix)) count += 1;
  return count < max;
}

function ackOf<T>(ack: unknown): (result: T) => void {
  return typeof ack === 'function' ? (ack as (result: T) => void) : () => undefined;
}

/**
 * What a (re)joining socket missed, as that reader may see it. The posts domain provides it (threads sit
 * below posts in the layer order, so the composition root hands it in).
 */
export interface CatchUpSource {
  latestNumber(actor: Actor, access: ThreadAccess): Promise<number>;
  missedSince(
    actor: Actor,
    access: ThreadAccess,
    lastSeen: number,
    max: number,
  ): Promise<{ posts: Post[]; complete: boolean; latestNumber: number }>;
}

// eslint-disable-next-line max-lines-per-function -- a table of socket handlers: each a short named function
export function threadSocketHandlers(ctx: AppContext, deps: { catchUp: CatchUpSource }) {
  const db = ctx.database.db;
  const events = threadEvents(ctx.publisher);
  const postsService = deps.catchUp;
  const lastTyping = new WeakMap<KringSocket, Map<string, number>>();
  /** The space of each thread a socket joined (known from the join's visibility check). */
  const joinedSpaces = new WeakMap<KringSocket, Map<string, string>>();
  /** Threads whose count was sent within the last PRESENCE_INTERVAL_MS; `again` when it changed since. */
  const presenceWindows = new Map<string, { again: boolean }>();

  /** Sends the thread's reader count now, or at the end of the current window (PRESENCE_INTERVAL_MS). */
  function broadcastPresence(socket: KringSocket, threadId: string): void {
    const nsp = socket.nsp;
    const send = () => {
      const window = { again: false };
      presenceWindows.set(threadId, window);
      setTimeout(() => {
        presenceWindows.delete(threadId);
        if (window.again) send();
      }, PRESENCE_INTERVAL_MS).unref();
      void countAndSend(nsp, threadId).catch(() => undefined);
    };
    const open = presenceWindows.get(threadId);
    if (open) open.again = true;
    else send();
  }

  /** Distinct readers in a thread room: members once however many tabs they have, guests per connection. */
  async function countAndSend(nsp: KringSocket['nsp'], threadId: string): Promise<void> {
    const sockets = await nsp.in(rooms.thread(threadId)).fetchSockets();
    const readers = new Set(
      sockets.map((s) => {
        const userId = (s.data as Partial<SocketData> | undefined)?.actorUserId;
        return userId ? `u:${userId}` : `s:${s.id}`;
      }),
    );
    events.presence(threadId, readers.size);
  }

  async function join(socket: KringSocket, payload: unknown): Promise<ThreadJoinResult> {
    const parsed = threadJoinPayloadSchema.safeParse(payload);
    if (!parsed.success) return { ok: false, error: 'invalid' };
    const { threadId, lastSeenNumber } = parsed.data;
    const room = rooms.thread(threadId);
    if (!roomAllowed(socket, room, THREAD_ROOM_PREFIX, MAX_THREAD_ROOMS)) return { ok: false, error: 'too_many_rooms' };
    const actor = socketActor(socket);
    const access = await loadThreadForActor(db, actor, threadId);
    if (!access.ok) return { ok: false, error: 'not_found' };
    // Again after the check (concurrent joins): nothing awaits between this test and the join.
    if (!roomAllowed(socket, room, THREAD_ROOM_PREFIX, MAX_THREAD_ROOMS)) return { ok: false, error: 'too_many_rooms' };

    await socket.join(room);
    const spaces = joinedSpaces.get(socket) ?? new Map<string, string>();
    joinedSpaces.set(socket, spaces);
    spaces.set(threadId, access.value.space.id);
    broadcastPresence(socket, threadId);
    if (lastSeenNumber === undefined) {
      return { ok: true, latestNumber: await postsService.latestNumber(actor, access.value), complete: true };
    }
    const missed = await postsService.missedSince(actor, access.value, lastSeenNumber, CATCH_UP_MAX);
    for (const post of missed.posts) events.missedPost(socket.id, threadId, post);
    return { ok: true, latestNumber: missed.latestNumber, complete: missed.complete };
  }

  async function leave(socket: KringSocket, payload: unknown): Promise<AckResult> {
    const parsed = threadRefPayloadSchema.safeParse(payload);
    if (!parsed.success) return { ok: false, error: 'invalid' };
    const room = rooms.thread(parsed.data.threadId);
    if (!socket.rooms.has(room)) return { ok: true };
    await socket.leave(room);
    joinedSpaces.get(socket)?.delete(parsed.data.threadId);
    broadcastPresence(socket, parsed.data.threadId);
    return { ok: true };
  }

  async function typing(socket: KringSocket, payload: unknown): Promise<AckResult> {
    const parsed = threadRefPayloadSchema.safeParse(payload);
    if (!parsed.success) return { ok: false, error: 'invalid' };
    const { threadId } = parsed.data;
    // Only members who have joined the thread (so passed its visibility check) can be "someone".
    const actor = socketActor(socket);
    const spaceId = joinedSpaces.get(socket)?.get(threadId);
    if (actor.kind !== 'member' || !socket.rooms.has(rooms.thread(threadId)) || !spaceId) {
      return { ok: false, error: 'not_joined' };
    }
    const seen = lastTyping.get(socket) ?? new Map<string, number>();
    lastTyping.set(socket, seen);
    const now = Date.now();
    if (now - (seen.get(threadId) ?? 0) < TYPING_INTERVAL_MS) return { ok: true };
    seen.set(threadId, now);
    // Someone who may not post here (muted or banned in this space, or suspended) is not "typing" either.
    const sanction = await ctx.postingGate.activeSanction(actor.userId, spaceId);
    if (sanction) return { ok: false, error: sanction.error.code };
    events.typing(threadId, socket.id);
    return { ok: true };
  }

  async function joinSpace(socket: KringSocket, payload: unknown): Promise<AckResult> {
    const parsed = spaceRefPayloadSchema.safeParse(payload);
    if (!parsed.success) return { ok: false, error: 'invalid' };
    const access = await openSpace(db, socketActor(socket), { slug: parsed.data.slug });
    if (!access.ok) return { ok: false, error: 'not_found' };
    const room = rooms.space(access.value.space.id);
    if (!roomAllowed(socket, room, SPACE_ROOM_PREFIX, MAX_SPACE_ROOMS)) return { ok: false, error: 'too_many_rooms' };
    await socket.join(room);
    return { ok: true };
  }

  async function leaveSpace(socket: KringSocket, payload: unknown): Promise<AckResult> {
    const parsed = spaceRefPayloadSchema.safeParse(payload);
    if (!parsed.success) return { ok: false, error: 'invalid' };
    const access = await openSpace(db, socketActor(socket), { slug: parsed.data.slug });
    if (access.ok) await socket.leave(rooms.space(access.value.space.id));
    return { ok: true };
  }

  /** Runs a handler and always answers: unexpected failures become `{ ok: false, error: 'unavailable' }`. */
  function answer<T>(socket: KringSocket, ack: unknown, work: () => Promise<T> | T): void {
    const respond = ackOf<T | { ok: false; error: string }>(ack);
    Promise.resolve()
      .then(work)
      .then(respond, () => respond({ ok: false, error: 'unavailable' }));
  }

  return (socket: KringSocket): void => {
    socket.on('thread:join', (payload, ack) => answer(socket, ack, () => join(socket, payload)));
    socket.on('thread:leave', (payload, ack) => answer(socket, ack, () => leave(socket, payload)));
    socket.on('thread:typing', (payload, ack) => answer(socket, ack, () => typing(socket, payload)));
    socket.on('space:join', (payload, ack) => answer(socket, ack, () => joinSpace(socket, payload)));
    socket.on('space:leave', (payload, ack) => answer(socket, ack, () => leaveSpace(socket, payload)));

    // When a reader goes away, the others see the new count.
    socket.on('disconnecting', () => {
      const threadIds = [...socket.rooms]
        .filter((room) => room.startsWith(THREAD_ROOM_PREFIX))
        .map((room) => room.slice(THREAD_ROOM_PREFIX.length));
      socket.once('disconnect', () => {
        for (const threadId of threadIds) broadcastPresence(socket, threadId);
      });
    });
  };
}
