/**
 * A raw TCP HTTP client for fault tests: it sends exactly the bytes it is told to, as slowly as it is told
 * to, and reports what came back and when the server closed the connection.
 */
import net from 'node:net';

export interface RawExchange {
  /** Everything the server sent, as text. */
  response: string;
  /** The status code of the first response line, or null when the server sent nothing. */
  status: number | null;
  /** Milliseconds from connecting until the server's first byte (null: it sent nothing). */
  firstByteMs: number | null;
  /** Milliseconds from connecting until the connection was closed. */
  closedMs: number;
  /** Bytes the client had managed to write when the connection closed. */
  bytesWritten: number;
}

export interface RawRequestOptions {
  port: number;
  /** Sent right after connecting. */
  head: string | Buffer;
  /**
   * Then called repeatedly every `intervalMs` until it returns null or the connection closes:
   * what to send next (e.g. one byte of a header, a slice of a body).
   */
  drip?: () => string | Buffer | null;
  intervalMs?: number;
  /** Give up (and fail the exchange) after this long; a healthy server closes the connection well before. */
  giveUpMs: number;
}

export function rawRequest(options: RawRequestOptions): Promise<RawExchange> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect({ port: options.port, host: '127.0.0.1' });
    const chunks: Buffer[] = [];
    let firstByteMs: number | null = null;
    let bytesWritten = 0;
    let timer: NodeJS.Timeout | undefined;
    let closed = false;
    const giveUp = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the connection open for ${options.giveUpMs} ms`));
    }, options.giveUpMs);

    const write = (data: string | Buffer) => {
      if (closed || socket.destroyed) return;
      const buffer = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
      socket.write(buffer, (error) => {
        if (!error) bytesWritten += buffer.length;
      });
    };
    socket.on('connect', () => {
      write(options.head);
      if (options.drip) {
        timer = setInterval(() => {
          const next = options.drip?.();
          if (next === null || next === undefined) {
            clearInterval(timer);
            return;
          }
          write(next);
        }, options.intervalMs ?? 100);
      }
    });
    socket.on('data', (chunk: Buffer) => {
      firstByteMs ??= Date.now() - started;
      chunks.push(chunk);
    });
    // The server may reset the connection instead of closing it politely; both end the exchange.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      closed = true;
      clearInterval(timer);
      clearTimeout(giveUp);
      const response = Buffer.concat(chunks).toString('latin1');
      const match = /^HTTP\/1\.1 (\d{3})/.exec(response);
      resolve({
        response,
        status: match ? Number(match[1]) : null,
        firstByteMs,
        closedMs: Date.now() - started,
        bytesWritten,
      });
    });
  });
}

/** The JSON body of a raw HTTP/1.1 response (Content-Length framed), or null. */
export function rawJson(response: string): unknown {
  const split = response.indexOf('\r\n\r\n');
  if (split < 0) return null;
  const body = response.slice(split + 4);
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return null;
  }
}
