import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { listen, openSocket, waitFor } from '../../helpers/socket';

let t: TestApp;
let baseUrl: string;

beforeAll(async () => {
  t = await buildTestApp();
  baseUrl = await listen(t.app);
});

afterAll(async () => {
  await t.close();
});

describe('Socket.IO gateway', () => {
  it('accepts a same-origin client at /socket.io and greets it', async () => {
    const socket = openSocket(baseUrl, { origin: baseUrl });
    try {
      const hello = await waitFor<{ serverTime: string }>(socket, 'hello');
      expect(new Date(hello.serverTime).getTime()).not.toBeNaN();
      const ack = await socket.timeout(2_000).emitWithAck('ping');
      expect(ack).toEqual({ ok: true });
    } finally {
      socket.close();
    }
  });

  it('refuses a handshake from another origin', async () => {
    const socket = openSocket(baseUrl, { origin: 'https://evil.example' });
    try {
      const error = await waitFor<Error>(socket, 'connect_error');
      expect(error).toBeInstanceOf(Error);
      expect(socket.connected).toBe(false);
    } finally {
      socket.close();
    }
  });

  it('treats an invalid session cookie as a guest, not an error', async () => {
    const socket = openSocket(baseUrl, { cookie: 'kring_session=not-a-real-token' });
    try {
      await waitFor(socket, 'hello');
      expect(socket.connected).toBe(true);
    } finally {
      socket.close();
    }
  });
});
