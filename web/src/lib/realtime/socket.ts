/**
 * The one Socket.IO connection of the web app, created on first use. Socket events feed state
 * classes in lib/state, never components directly; they (re)join their rooms on every `connect`.
 *
 * The server authenticates a socket once, at its handshake, from the session cookie. So when who is
 * signed in changes (login, sign-up, recovery, logout, deletion) `renewSocket()` makes a fresh handshake,
 * and when the server itself ends the socket (logout elsewhere, password change, a restart that says
 * goodbye) the client connects again — Socket.IO does not do that on its own after a server disconnect.
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@kring/shared';

export type KringSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Wait before connecting again after the server ended the socket (a restart needs a moment). */
const AFTER_SERVER_DISCONNECT_MS = 1_000;

let socket: KringSocket | undefined;

export function getSocket(): KringSocket {
  if (socket) return socket;
  const created: KringSocket = io({
    path: '/socket.io',
    withCredentials: true,
    transports: ['websocket', 'polling'],
  });
  created.on('disconnect', (reason) => {
    if (reason !== 'io server disconnect') return;
    setTimeout(() => {
      if (!created.connected) created.connect();
    }, AFTER_SERVER_DISCONNECT_MS);
  });
  socket = created;
  return created;
}

/** A new handshake with the current cookie; rooms are joined again by their owners' `connect` handlers. */
export function renewSocket(): void {
  if (!socket) return;
  socket.disconnect();
  socket.connect();
}
