/**
 * Slowloris and oversize requests against a listening server (raw TCP, so nothing is smoothed over by an
 * HTTP client): headers sent a byte at a time and bodies shorter than their Content-Length are cut off by the
 * request timeout; a body over 64 KiB gets 413 at once, without the server reading it; a huge header block
 * gets 431. The timeout is configurable (KRING_REQUEST_TIMEOUT_MS); here it is 1 s instead of 15 s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/build-app';
import { listen } from '../helpers/socket';
import { rawJson, rawRequest } from './fault-support/raw-http';

const TIMEOUT_MS = 1_000;
// Node checks for expired requests on an interval (a quarter of the timeout here), so a cut-off comes
// between TIMEOUT_MS and about 1.25 × TIMEOUT_MS; the upper bound below leaves room for a busy machine.
const CUT_OFF_BY_MS = TIMEOUT_MS * 6;

let t: TestApp;
let port = 0;

beforeAll(async () => {
  t = await buildTestApp({ requestTimeoutMs: TIMEOUT_MS });
  port = Number(new URL(await listen(t.app)).port);
});
afterAll(async () => {
  await t?.close();
});

describe('slow clients are cut off by the request timeout', () => {
  it('headers sent one byte at a time (slowloris): 408 and closed', async () => {
    // An endless header line, trickled out a byte every 50 ms: without a timeout this never ends.
    const exchange = await rawRequest({
      port,
      head: 'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ',
      drip: () => 'a',
      intervalMs: 50,
      giveUpMs: CUT_OFF_BY_MS,
    });
    expect(exchange.status).toBe(408);
    expect(exchange.closedMs).toBeGreaterThanOrEqual(TIMEOUT_MS * 0.9);
    expect(exchange.closedMs).toBeLessThan(CUT_OFF_BY_MS);
  });

  it('a body shorter than its Content-Length: 408 and closed', async () => {
    const exchange = await rawRequest({
      port,
      head:
        'POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        'Content-Length: 1000\r\n\r\n{"username":"a',
      giveUpMs: CUT_OFF_BY_MS,
    });
    expect(exchange.status).toBe(408);
    expect(exchange.closedMs).toBeGreaterThanOrEqual(TIMEOUT_MS * 0.9);
  });

  it('a body trickled a byte at a time: 408 and closed', async () => {
    const exchange = await rawRequest({
      port,
      head:
        'POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        'Content-Length: 60000\r\n\r\n',
      drip: () => ' ',
      intervalMs: 20,
      giveUpMs: CUT_OFF_BY_MS,
    });
    expect(exchange.status).toBe(408);
    expect(exchange.closedMs).toBeGreaterThanOrEqual(TIMEOUT_MS * 0.9);
  });

  it('an ordinary request on the same server is answered normally', async () => {
    const exchange = await rawRequest({
      port,
      head: 'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
      giveUpMs: CUT_OFF_BY_MS,
    });
    expect(exchange.status).toBe(200);
    expect(rawJson(exchange.response)).toMatchObject({ status: 'ok' });
  });
});

describe('oversize requests are refused', () => {
  it('a declared body over 64 KiB: 413 right away, before the body is sent', async () => {
    const exchange = await rawRequest({
      port,
      head:
        'POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        `Content-Length: ${10 * 1024 * 1024}\r\n\r\n{"username":"`,
      giveUpMs: CUT_OFF_BY_MS,
    });
    expect(exchange.status).toBe(413);
    expect(rawJson(exchange.response)).toEqual({
      error: { code: 'payload_too_large', message: expect.any(String) },
    });
    // Answered without waiting for the 10 MiB (which never comes) and well before the request timeout.
    expect(exchange.firstByteMs).not.toBeNull();
    expect(exchange.firstByteMs ?? Infinity).toBeLessThan(TIMEOUT_MS);
    expect(exchange.bytesWritten).toBeLessThan(1024);
  });

  it('a chunked body that grows past 64 KiB: 413 once the limit is passed', async () => {
    const piece = 'x'.repeat(8 * 1024);
    let sent = 0;
    const exchange = await rawRequest({
      port,
      head:
        'POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        'Transfer-Encoding: chunked\r\n\r\n',
      // 8 KiB chunks, quickly, for up to 1 MiB: the server must stop it long before that.
      drip: () => (sent++ < 128 ? `${piece.length.toString(16)}\r\n${piece}\r\n` : null),
      intervalMs: 5,
      giveUpMs: CUT_OFF_BY_MS,
    });
    expect(exchange.status).toBe(413);
    expect(exchange.bytesWritten).toBeLessThan(512 * 1024);
  });

  it('a huge header block: 431', async () => {
    const headers = Array.from({ length: 100 }, (_, i) => `X-Filler-${i}: ${'y'.repeat(1000)}\r\n`).join('');
    const exchange = await rawRequest({
      port,
      head: `GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}\r\n`,
      giveUpMs: CUT_OFF_BY_MS,
    });
    expect(exchange.status).toBe(431);
  });
});
