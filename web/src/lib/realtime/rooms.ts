/**
 * Joining and leaving rooms on the shared socket, with acknowledgements as promises. The server checks
 * every join against the same visibility rules as the HTTP API.
 */
import type { AckResult, ThreadJoinResult } from '@kring/shared';
import type { KringSocket } from './socket';

const ACK_TIMEOUT_MS = 5_000;

export async function joinThread(
  socket: KringSocket,
  threadId: string,
  lastSeenNumber?: number,
): Promise<ThreadJoinResult> {
  try {
    // socket.io-client types a timed acknowledgement loosely; the shape is the contract's.
    return (await socket
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck(
        'thread:join',
        lastSeenNumber === undefined ? { threadId } : { threadId, lastSeenNumber },
      )) as ThreadJoinResult;
  } catch {
    return { ok: false, error: 'timeout' };
  }
}

export function leaveThread(socket: KringSocket, threadId: string): void {
  if (socket.connected) socket.emit('thread:leave', { threadId }, () => undefined);
}

/**
 * Who on this page wants each space room (a space's thread list, an open thread of it): the socket leaves a space
 * only when none of them does, so one owner leaving never takes the room from another, and the rooms of pages
 * left behind do not pile up (the server allows a connection a limited number of rooms).
 */
const spaceOwners = new Map<string, Set<object>>();

export async function joinSpace(socket: KringSocket, slug: string, owner: object): Promise<AckResult> {
  const owners = spaceOwners.get(slug) ?? new Set<object>();
  owners.add(owner);
  spaceOwners.set(slug, owners);
  try {
    return (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('space:join', { slug })) as AckResult;
  } catch {
    return { ok: false, error: 'timeout' };
  }
}

export function leaveSpace(socket: KringSocket, slug: string, owner: object): void {
  const owners = spaceOwners.get(slug);
  owners?.delete(owner);
  if (owners && owners.size > 0) return;
  spaceOwners.delete(slug);
  if (socket.connected) socket.emit('space:leave', { slug }, () => undefined);
}

/** Joins the moderation room(s): a space's, or with no space every space the moderator may see. */
export async function joinModeration(socket: KringSocket, space?: string): Promise<AckResult> {
  try {
    return (await socket
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck('moderation:join', space === undefined ? {} : { space })) as AckResult;
  } catch {
    // A timeout, or the connection dropped while waiting: the `connect` handler joins again.
    return { ok: false, error: 'timeout' };
  }
}
