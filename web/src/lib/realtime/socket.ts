/**
 * The one Socket.IO connection of the web app, created on first use. Socket events feed state
 * classes in lib/state, never components directly.
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@kring/shared';

export type KringSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: KringSocket | undefined;

export function getSocket(): KringSocket {
  socket ??= io({
    path: '/socket.io',
    withCredentials: true,
    transports: ['websocket', 'polling'],
  });
  return socket;
}
