/**
 * The only module that emits realtime events. Services call it after their transaction commits;
 * the audience (a room from shared's `rooms` helpers, or one socket) is chosen here, at publish time.
 */
import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents } from '@kring/shared';

export interface SocketData {
  actorUserId: string | null;
}

export type KringIo = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type KringSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

type Emit = <E extends keyof ServerToClientEvents>(event: E, ...args: Parameters<ServerToClientEvents[E]>) => void;

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
  /**
   * Makes every socket in `room` (e.g. one member's) leave `leave` (e.g. a space's room and its threads'), so
   * they hear nothing more there; works across processes with an adapter.
   */
  leave(room: string, leave: string[]): void;
  /** Everyone in the room but one socket (e.g. "someone is typing" goes to the others). */
  toRoomExcept<E extends keyof ServerToClientEvents>(
    room: string,
    exceptSocketId: string,
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void;
  /** One socket only (e.g. the posts it missed, sent on join). */
  toSocket<E extends keyof ServerToClientEvents>(
    socketId: string,
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void;
}

export function createPublisher(getIo: () => KringIo | null): Publisher {
  const emitter = (target: (io: KringIo) => { emit: Emit }) => {
    const io = getIo();
    return io ? target(io) : null;
  };
  return {
    toRoom(room, event, ...args) {
      emitter((io) => io.to(room))?.emit(event, ...args);
    },
    toRoomExcept(room, exceptSocketId, event, ...args) {
      emitter((io) => io.to(room).except(exceptSocketId))?.emit(event, ...args);
    },
    toSocket(socketId, event, ...args) {
      emitter((io) => io.to(socketId))?.emit(event, ...args);
    },
    leave(room, leave) {
      if (leave.length > 0) getIo()?.in(room).socketsLeave(leave);
    },
    disconnect(room, options = {}) {
      const io = getIo();
      if (!io) return;
      const target = options.except ? io.in(room).except(options.except) : io.in(room);
      target.disconnectSockets(true);
    },
  };
}
