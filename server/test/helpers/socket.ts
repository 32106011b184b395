/** Real Socket.IO clients against a listening test app. */
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@kring/shared';
import type { ZodApp } from '../../src/context';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Listens on a random local port (once) and returns the base URL. */
export async function listen(app: ZodApp): Promise<string> {
  const address = app.server.address();
  if (address && typeof address === 'object') return `http://127.0.0.1:${address.port}`;
  await app.listen({ port: 0, host: '127.0.0.1' });
  const bound = app.server.address();
  if (!bound || typeof bound !== 'object') throw new Error('app is not listening');
  return `http://127.0.0.1:${bound.port}`;
}

export function openSocket(
  baseUrl: string,
  options: { cookie?: string; origin?: string; headers?: Record<string, string> } = {},
): TestSocket {
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.origin) headers.origin = options.origin;
  return connect(baseUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: headers,
    reconnection: false,
    forceNew: true,
  });
}

export function waitFor<T>(
  socket: TestSocket,
  event: keyof ServerToClientEvents | 'connect_error' | 'connect',
  timeoutMs = 3_000,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${String(event)}`)), timeoutMs);
    socket.once(event as 'connect', (payload?: unknown) => {
      clearTimeout(timer);
      resolve(payload as T);
    });
  });
}
