/**
 * Socket.IO on the same HTTP server as the API (path /socket.io). The handshake is authenticated from
 * the same session cookie as HTTP and refused from other origins; rooms are joined only after the
 * same policy checks the HTTP routes use (added per feature).
 */
import type { Server as HttpServer } from 'node:http';
import { parseCookie } from 'cookie';
import { Server, type ServerOptions } from 'socket.io';
import { rooms } from '@kring/shared';
import { guest, type Actor } from '../lib/actor';
import type { SessionService } from '../modules/sessions/sessions.service';
import { isCrossOrigin } from '../plugins/csrf';
import { readSessionToken } from '../plugins/session';
import type { SocketLimiter } from './limits';
import type { KringIo, KringSocket } from './publisher';

/** A feature's socket event handlers, attached to every new connection (see modules/index.ts). */
export type SocketHandler = (socket: KringSocket) => void;

declare module 'node:http' {
  interface IncomingMessage {
    kringActor?: Actor;
  }
}

export function createGateway(
  server: HttpServer,
  sessions: SessionService,
  handlers: SocketHandler[] = [],
  options: { adapter?: ServerOptions['adapter']; trustProxy?: boolean; limiter?: SocketLimiter } = {},
): KringIo {
  const io: KringIo = new Server(server, {
    // Without Redis: the default in-memory adapter (one process). With Redis: the Streams adapter.
    ...(options.adapter ? { adapter: options.adapter } : {}),
    path: '/socket.io',
    serveClient: false,
    cors: undefined,
    pingInterval: 25_000,
    pingTimeout: 20_000,
    maxHttpBufferSize: 64 * 1024,
    connectionStateRecovery: undefined,
    allowRequest(request, callback) {
      // Behind a trusted TLS-terminating proxy (KRING_TRUST_PROXY) the browser's origin is https although
      // the proxy talks plain HTTP to us, exactly as the HTTP routes see it.
      const forwarded = options.trustProxy ? request.headers['x-forwarded-proto'] : undefined;
      const forwardedProto = typeof forwarded === 'string' ? forwarded.split(',')[0]?.trim() : undefined;
      const protocol =
        forwardedProto === 'https' || forwardedProto === 'http'
          ? forwardedProto
          : (request.socket as { encrypted?: boolean }).encrypted
            ? 'https'
            : 'http';
      const host = request.headers.host;
      const expected = host ? `${protocol}://${host}` : null;
      callback(null, !isCrossOrigin(request.headers, expected));
    },
  });

  io.use((socket, next) => {
    const cookies = parseCookie(socket.request.headers.cookie ?? '');
    const token = readSessionToken(cookies);
    if (!token) {
      socket.data.actorUserId = null;
      socket.request.kringActor = guest;
      next();
      return;
    }
    sessions
      .validate(token)
      .then((validated) => {
        socket.request.kringActor = validated?.actor ?? guest;
        socket.data.actorUserId = validated?.actor.userId ?? null;
        next();
      })
      .catch((error: unknown) => next(error instanceof Error ? error : new Error('handshake failed')));
  });
  if (options.limiter) {
    const limiter = options.limiter;
    io.use((socket, next) => limiter.handshake(socket, next));
  }

  io.on('connection', (socket) => {
    // Private rooms, so logout, revocation and deletion can end this connection at once.
    const actor = socketActor(socket);
    // Flood limits in front of every client event, before any handler (realtime/limits.ts).
    options.limiter?.attach(socket, actor);
    if (actor.kind === 'member') void socket.join([rooms.member(actor.userId), rooms.session(actor.sessionId)]);
    socket.emit('hello', { serverTime: new Date().toISOString() });
    socket.on('ping', (ack) => {
      if (typeof ack === 'function') ack({ ok: true });
    });
    for (const handler of handlers) handler(socket);
  });

  return io;
}

/** The actor of a connected socket (guest when signed out). */
export function socketActor(socket: { request: { kringActor?: Actor } }): Actor {
  return socket.request.kringActor ?? guest;
}
