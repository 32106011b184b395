/**
 * The access-control matrix (issue 8), generated from `support/access-table.ts`: every registered HTTP
 * route and every client→server socket event × every role × the resource states that matter to it.
 * A route or event without an entry fails here, so a new route cannot slip past access control.
 *
 * Beyond the status, every response is scanned for the markers of content the role may not see
 * (closed spaces, held, hidden and removed posts): an answer never carries what the caller may not read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Post } from '@kring/shared';
import { buildTestApp, type TestApp } from '../helpers/build-app';
import { listen, openSocket, waitFor, type TestSocket } from '../helpers/socket';
import { httpTable, socketTable, statesOf, type Expected } from './support/access-table';
import { isGuest, isStaff, readsThread, sanctionIn, seesPostContent } from './support/rules';
import {
  buildWorld,
  postStates,
  roles,
  spaceStates,
  threadStates,
  type Role,
  type State,
  type World,
} from './support/world';

let t: TestApp;
let w: World;
let baseUrl: string;
const registered = new Set<string>();

beforeAll(async () => {
  t = await buildTestApp(
    { rateLimits: false },
    {
      onRoute(route) {
        const methods = Array.isArray(route.method) ? route.method : [route.method];
        for (const method of methods) registered.add(`${method} ${route.url}`);
      },
    },
  );
  w = await buildWorld(t.app);
  baseUrl = await listen(t.app);
}, 240_000);

afterAll(async () => {
  await t?.close();
});

/** Routes as the table names them; Fastify's automatic HEAD twin of a GET route needs no entry of its own. */
function registeredRoutes(): string[] {
  return [...registered]
    .filter((route) => !(route.startsWith('HEAD ') && registered.has(`GET ${route.slice(5)}`)))
    .sort();
}

/** The markers of content `role` may not see, except what a route may show it on purpose. */
function forbiddenMarkers(role: Role, allowed: readonly State[] = []): string[] {
  return postStates
    .filter((state) => !seesPostContent(role, state) && !allowed.includes(state))
    .map((state) => w.targets[state].marker);
}

const matches = (expected: Expected, status: number) =>
  Array.isArray(expected) ? expected.includes(status) : expected === status;

describe('the route table', () => {
  it('has exactly one entry per registered route', () => {
    const routes = registeredRoutes();
    const missing = routes.filter((route) => !(route in httpTable));
    const stale = Object.keys(httpTable).filter((route) => !registered.has(route));
    expect(
      missing,
      `Routes without an entry in server/test/hardening/support/access-table.ts — add one per route ` +
        `(see docs/security.md, "Adding a route"): ${missing.join(', ')}`,
    ).toEqual([]);
    expect(
      stale,
      `Entries in access-table.ts for routes that do not exist (remove or rename them): ${stale.join(', ')}`,
    ).toEqual([]);
  });
});

describe('HTTP routes × roles × states', () => {
  for (const [route, entry] of Object.entries(httpTable)) {
    it.each(roles)(`${route} as %s`, async (role) => {
      const problems: string[] = [];
      for (const state of statesOf[entry.dims]) {
        const res = await entry.request(w, role, state);
        const expected = entry.expect(role, state);
        const cell = `${role} × ${state}`;
        if (!matches(expected, res.statusCode)) {
          problems.push(
            `${cell}: expected ${JSON.stringify(expected)}, got ${res.statusCode} ${res.body.slice(0, 200)}`,
          );
          continue;
        }
        // Answers differ per viewer: none may be kept by a shared cache (issue 21).
        const cacheControl = String(res.headers['cache-control'] ?? '');
        if (route.startsWith('GET /api/') && !route.startsWith('GET /api/docs') && !/no-store/.test(cacheControl))
          problems.push(`${cell}: Cache-Control is "${cacheControl}", expected no-store`);
        if (res.statusCode >= 400) {
          const code = res.json<{ error?: { code?: string } }>().error?.code;
          if (!code) problems.push(`${cell}: ${res.statusCode} without an error code`);
        }
        // Refusals tell nothing; answers carry only what the role may see.
        const hidden =
          res.statusCode >= 400
            ? postStates.map((s) => w.targets[s].marker)
            : forbiddenMarkers(role, entry.mayShow?.(role));
        const leaked = hidden.filter((marker) => res.body.includes(marker));
        if (leaked.length > 0) problems.push(`${cell}: the answer contains invisible content ${leaked.join(', ')}`);
      }
      expect(problems).toEqual([]);
    });
  }
});

describe('socket events', () => {
  const sockets: TestSocket[] = [];
  async function connect(role: Role): Promise<TestSocket> {
    const socket = openSocket(baseUrl, isGuest(role) ? {} : { cookie: w.members[role].cookie });
    sockets.push(socket);
    await waitFor(socket, 'hello');
    return socket;
  }
  /** Everything a socket received, as JSON text. */
  function record(socket: TestSocket): string[] {
    const received: string[] = [];
    socket.onAny((event: string, ...args: unknown[]) => received.push(`${event} ${JSON.stringify(args)}`));
    return received;
  }
  /** Resolves after every packet the server sent this socket before it answered the ping. */
  const settle = (socket: TestSocket) => socket.timeout(3_000).emitWithAck('ping');

  afterAll(() => {
    for (const socket of sockets) socket.close();
  });

  it('has exactly one entry per handled event', async () => {
    const seen = new Promise<string[]>((resolve) => {
      t.app.io.once('connection', (socket) => resolve(socket.eventNames().map(String)));
    });
    await connect('guest');
    const handled = (await seen).filter((name) => !['disconnect', 'disconnecting', 'error'].includes(name)).sort();
    expect(
      handled,
      'Socket events without an entry in socketTable (access-table.ts), or entries without a handler',
    ).toEqual(Object.keys(socketTable).sort());
  });

  it.each(roles)('ping, thread:leave and space:leave answer %s without opening anything', async (role) => {
    const socket = await connect(role);
    expect(await socket.timeout(3_000).emitWithAck('ping')).toEqual({ ok: true });
    for (const state of threadStates) {
      const res = await socket.timeout(3_000).emitWithAck('thread:leave', { threadId: w.targets[state].threadId });
      expect(res).toEqual({ ok: socketTable['thread:leave'].allowed() });
    }
    for (const state of spaceStates) {
      const res = await socket.timeout(3_000).emitWithAck('space:leave', { slug: w.spaces[state].slug });
      expect(res).toEqual({ ok: socketTable['space:leave'].allowed() });
    }
  });

  it.each(roles)(
    'thread:join and space:join as %s: only what the role may read, and nothing else arrives',
    async (role) => {
      const socket = await connect(role);
      const received = record(socket);
      const problems: string[] = [];
      for (const state of threadStates) {
        // With lastSeenNumber 0 the server sends every post the reader may see (the catch-up).
        const res = await socket
          .timeout(3_000)
          .emitWithAck('thread:join', { threadId: w.targets[state].threadId, lastSeenNumber: 0 });
        const allowed = socketTable['thread:join'].allowed(role, state);
        if (allowed ? !res.ok : JSON.stringify(res) !== JSON.stringify({ ok: false, error: 'not_found' }))
          problems.push(`thread:join ${state}: ${JSON.stringify(res)}`);
      }
      for (const state of spaceStates) {
        const res = await socket.timeout(3_000).emitWithAck('space:join', { slug: w.spaces[state].slug });
        const expected = socketTable['space:join'].allowed(role, state)
          ? { ok: true }
          : { ok: false, error: 'not_found' };
        if (JSON.stringify(res) !== JSON.stringify(expected))
          problems.push(`space:join ${state}: ${JSON.stringify(res)}`);
      }
      await settle(socket);
      const catchUp = received.join('\n');
      for (const marker of forbiddenMarkers(role)) {
        if (catchUp.includes(marker)) problems.push(`catch-up leaked ${marker}`);
      }

      // Live: a moderator replies in every thread that takes replies; the role hears exactly the readable ones
      // (the held thread's reply only its author and moderators, and its space room nothing about it).
      received.length = 0;
      const live: Record<string, string> = {};
      for (const state of ['public', 'registered', 'closed', 'locked', 'held'] as const) {
        const res = await w.app.inject({
          method: 'POST',
          url: `/api/threads/${w.targets[state].threadId}/posts`,
          headers: w.headers('moderator'),
          payload: { body: `Live ${state} ${role}`, idempotencyKey: `live-${state}-${role}` },
        });
        expect(res.statusCode, res.body).toBe(201);
        live[state] = res.json<{ post: Post }>().post.id;
      }
      await settle(socket);
      const heard = received.join('\n');
      for (const [state, postId] of Object.entries(live)) {
        const expected = readsThread(role, state as State);
        if (heard.includes(postId) !== expected) problems.push(`live post in ${state}: heard=${!expected}`);
      }
      for (const marker of forbiddenMarkers(role)) {
        if (heard.includes(marker)) problems.push(`live events leaked ${marker}`);
      }
      expect(problems).toEqual([]);
    },
  );

  it.each(roles)('moderation:join as %s: only moderators of the space and admins', async (role) => {
    const socket = await connect(role);
    for (const state of spaceStates) {
      const res = await socket.timeout(3_000).emitWithAck('moderation:join', { space: w.spaces[state].slug });
      const expected = socketTable['moderation:join'].allowed(role) ? { ok: true } : { ok: false, error: 'not_found' };
      expect(res, state).toEqual(expected);
    }
    const all = await socket.timeout(3_000).emitWithAck('moderation:join', {});
    expect(all).toEqual(isStaff(role) ? { ok: true } : { ok: false, error: 'not_found' });
  });

  it.each(roles)(
    'thread:typing as %s reaches a room only after a permitted join, and never names anyone',
    async (role) => {
      const listener = await connect('admin');
      const sentinel = await connect('moderator');
      const socket = await connect(role);
      const typing = new Map<string, string[]>();
      listener.on('thread:typing', (payload) => {
        const list = typing.get(payload.threadId) ?? [];
        list.push(JSON.stringify(payload));
        typing.set(payload.threadId, list);
      });
      for (const state of threadStates) {
        const threadId = w.targets[state].threadId;
        expect((await listener.timeout(3_000).emitWithAck('thread:join', { threadId })).ok).toBe(true);
        expect((await sentinel.timeout(3_000).emitWithAck('thread:join', { threadId })).ok).toBe(true);

        // Not joined yet: refused, and nobody hears it.
        expect(await socket.timeout(3_000).emitWithAck('thread:typing', { threadId })).toEqual({
          ok: false,
          error: 'not_joined',
        });
        await socket.timeout(3_000).emitWithAck('thread:join', { threadId });
        const allowed = socketTable['thread:typing'].allowed(role, state);
        const res = await socket.timeout(3_000).emitWithAck('thread:typing', { threadId });
        const sanction = sanctionIn(role);
        const refusal = sanction && readsThread(role, state) ? sanction : 'not_joined';
        expect(res, state).toEqual(allowed ? { ok: true } : { ok: false, error: refusal });

        // The sentinel's signal comes after the role's in the room: once it arrives, count.
        const arrived = new Promise<void>((resolve) => {
          const check = (payload: { threadId: string }) => {
            if (payload.threadId !== threadId) return;
            const count = typing.get(threadId)?.length ?? 0;
            if (count >= (allowed ? 2 : 1)) {
              listener.off('thread:typing', check);
              resolve();
            }
          };
          listener.on('thread:typing', check);
        });
        expect(await sentinel.timeout(3_000).emitWithAck('thread:typing', { threadId })).toEqual({ ok: true });
        await arrived;
        await settle(listener);
        expect(typing.get(threadId), state).toEqual(Array(allowed ? 2 : 1).fill(JSON.stringify({ threadId })));
        typing.delete(threadId);
      }
    },
  );
});
