/**
 * The typed Socket.IO contract shared by server and web client, and the helpers that name rooms.
 * Later features add events here; the server's publisher is the only module that emits them.
 */

export type Ack = (result: { ok: true } | { ok: false; error: string }) => void;

export interface ServerToClientEvents {
  /** Sent once after the handshake so clients can tell the connection is live. */
  hello: (payload: { serverTime: string }) => void;
}

export interface ClientToServerEvents {
  ping: (ack: Ack) => void;
}

export type InterServerEvents = Record<string, never>;

export const rooms = {
  thread: (threadId: string) => `thread:${threadId}`,
  space: (spaceId: string) => `space:${spaceId}`,
  member: (userId: string) => `member:${userId}`,
  /** Every socket of one login session; the server disconnects it when the session ends. */
  session: (sessionId: string) => `session:${sessionId}`,
  moderation: (spaceId: string) => `moderation:${spaceId}`,
} as const;
