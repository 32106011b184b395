/**
 * B4: a plain Socket.IO server (no auth, no database, no policy) that broadcasts a payload of the same
 * size as Kring's `post:created` to one room, for each POST /publish. Frozen: S6 is measured against it.
 * Run with `node --expose-gc --import tsx bench/lib/b4-server.ts`; prints `{"port":N}` when listening.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const server = createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/bench/heap') {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (gc) {
      gc();
      gc();
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ heapUsed: process.memoryUsage().heapUsed }));
    return;
  }
  if (request.method === 'POST' && request.url === '/publish') {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const { body, size } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { body: string; size: number };
      const envelope = { threadId: 'b4', post: { html: body } };
      const pad = Math.max(0, size - Buffer.byteLength(JSON.stringify(envelope)));
      io.to('b4').emit('post:created', { threadId: 'b4', post: { html: body + ' '.repeat(pad) } });
      response.writeHead(201, { 'content-type': 'application/json' });
      response.end('{}');
    });
    return;
  }
  response.writeHead(404);
  response.end();
});

const io = new Server(server, { path: '/socket.io', serveClient: false, maxHttpBufferSize: 64 * 1024 });
io.on('connection', (socket) => {
  socket.on('join', (_payload: unknown, ack: unknown) => {
    void socket.join('b4');
    if (typeof ack === 'function') (ack as (r: { ok: boolean }) => void)({ ok: true });
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
});
process.on('SIGTERM', () => {
  void io.close();
  process.exit(0);
});
