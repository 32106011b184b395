/**
 * Behind a TLS-terminating proxy (KRING_TRUST_PROXY=true) the browser's origin is https while the proxy
 * talks plain HTTP to Kring: the socket handshake must see the origin the way the HTTP routes do.
 */
import { io as connect } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { listen, waitFor, type TestSocket } from '../../helpers/socket';

const apps: TestApp[] = [];
afterAll(async () => {
  for (const t of apps) await t.close();
});

async function handshake(trustProxy: boolean): Promise<'hello' | 'refused'> {
  const t = await buildTestApp({ trustProxy });
  apps.push(t);
  const baseUrl = await listen(t.app);
  const host = new URL(baseUrl).host;
  const socket: TestSocket = connect(baseUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { origin: `https://${host}`, 'x-forwarded-proto': 'https' },
  });
  try {
    return await Promise.race([
      waitFor(socket, 'hello').then(() => 'hello' as const),
      waitFor(socket, 'connect_error').then(() => 'refused' as const),
    ]);
  } finally {
    socket.close();
  }
}

describe('Socket.IO behind a proxy', () => {
  it('accepts the https origin forwarded by a trusted proxy', async () => {
    expect(await handshake(true)).toBe('hello');
  });

  it('ignores X-Forwarded-Proto when the proxy is not trusted', async () => {
    expect(await handshake(false)).toBe('refused');
  });
});
