/**
 * The only module that emits realtime events. Services call it after their transaction commits;
 * the audience (a room from shared's `rooms` helpers) is chosen here, at publish time.
 */
import type { Server } from 'socket.io';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents } from '@kring/shared';

export interface SocketData {
  actorUserId: string | null;
}

export type KringIo = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface Publisher {
  toRoom<E extends keyof ServerToClientEvents>(
    room: string,
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void;
  /**
   * Disconnects every socket in a room (e.g. a member's sessions after logout, a password change or
   * account deletion), optionally sparing those in `except`. Works across processes with an adapter.
   */
  disconnect(room: string, options?: { except?: string }): void;
}

export function createPublisher(getIo: () => KringIo | null): Publisher {
  return {
    toRoom(room, event, ...args) {
      const io = getIo();
      if (!io) return;
      io.to(room).emit(event, ...args);
    },
    disconnect(room, options = {}) {
      const io = getIo();
      if (!io) return;
      const target = options.except ? io.in(room).except(options.except) : io.in(room);
      target.disconnectSockets(true);
    },
  };
}
