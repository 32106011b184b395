/**
 * Privacy scan (issue 8): a scripted session through the real app over real HTTP and real Socket.IO —
 * sign-up, login, posting (also anonymously), a report, moderation, search, notifications, export and
 * account deletion — with every response (status, headers, body), every log line and every socket
 * payload captured. None may contain a password hash, a session token, a raw IP address (the socket's
 * 127.0.0.1 or the forwarded 203.0.113.7) or a recovery code outside the answer that issued it; nothing a
 * moderator or another member receives may name the account behind an anonymous post (only the audited
 * admin unmask answers that, to that admin).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAIN_COOKIE } from '../../src/plugins/session';
import { STRONG_PASSWORD, signupBody } from '../helpers/accounts';
import { buildTestApp, type TestApp } from '../helpers/build-app';
import { listen, openSocket, waitFor, type TestSocket } from '../helpers/socket';
import { FIXTURE_PASSWORD, createMember } from '../factories/members';
import { createTestSpace, key } from '../factories/threads';

const FORWARDED_IP = '203.0.113.7';

type Who = 'anon' | 'member' | 'moderator' | 'admin' | 'guest';

/** The parts of answers the script reads on. */
interface Answer {
  recoveryCodes?: string[];
  user?: { id: string; username: string };
  thread?: { id: string };
  post?: { id: string };
  report?: { id: string };
  items?: { id: string; version: number; target: { id: string } }[];
  author?: { id: string };
}

function need<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`the answer has no ${what}`);
  return value;
}

interface Captured {
  who: Who;
  label: string;
  status: number;
  headers: string;
  body: string;
}

let t: TestApp;
let baseUrl: string;
const responses: Captured[] = [];
const socketPayloads: { who: Who; text: string }[] = [];
const tokens = new Set<string>();
const recoveryCodes = new Set<string>();
const cookies: Partial<Record<Who, string>> = {};
const sockets: TestSocket[] = [];
/** Labels of the answers that issued recovery codes (they carry them on purpose). */
const issuing = new Set<string>();
/** The admin's audited unmask: the one answer that names the account behind an anonymous post. */
const UNMASK = 'unmask';
let anonAccount: { id: string; username: string };

function headerList(headers: Headers): [string, string][] {
  const list: [string, string][] = [];
  headers.forEach((value, name) => list.push([name, value]));
  return list;
}

async function request(
  who: Who,
  label: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Captured & { json: Answer }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      'x-forwarded-for': FORWARDED_IP,
      'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0',
      ...(cookies[who] ? { cookie: cookies[who] } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  for (const header of res.headers.getSetCookie()) {
    const match = new RegExp(`^(?:__Host-)?${PLAIN_COOKIE}=([^;]*)`).exec(header);
    if (match?.[1]) {
      tokens.add(match[1]);
      cookies[who] = `${PLAIN_COOKIE}=${match[1]}`;
    }
  }
  const captured: Captured = {
    who,
    label,
    status: res.status,
    headers: JSON.stringify(headerList(res.headers)),
    body: text,
  };
  responses.push(captured);
  let json: Answer = {};
  try {
    json = JSON.parse(text) as Answer;
  } catch {
    json = {};
  }
  return { ...captured, json };
}

async function expectStatus(promise: Promise<Captured & { json: Answer }>, status: number) {
  const res = await promise;
  expect(res.status, `${res.label}: ${res.body.slice(0, 300)}`).toBe(status);
  return res;
}

function socketFor(who: Who): TestSocket {
  const socket = openSocket(baseUrl, {
    ...(cookies[who] ? { cookie: cookies[who] } : {}),
    headers: { 'x-forwarded-for': FORWARDED_IP },
  });
  socket.onAny((event: string, ...args: unknown[]) =>
    socketPayloads.push({ who, text: `${event} ${JSON.stringify(args)}` }),
  );
  sockets.push(socket);
  return socket;
}

beforeAll(async () => {
  // The scripted members sign up during the scan; new members' holds and first-day pace (tested in
  // moderation/safety and first-day-pace) would only hold their posts back, so nobody counts as new here.
  t = await buildTestApp(
    { trustProxy: true, newMembers: { days: 0, heldPosts: 0, firstDayIntervalSeconds: 0 } },
    { captureLogs: true },
  );
  baseUrl = await listen(t.app);
}, 120_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await t?.close();
});

describe('a scripted session', () => {
  it('runs sign-up to deletion with everything captured', async () => {
    const app = t.app;
    const moderatorMember = await createMember(app);
    const adminMember = await createMember(app, { role: 'admin' });
    const space = await createTestSpace(app, { visibility: 'public', allowAnonymous: true });
    await app.inject({
      method: 'PUT',
      url: `/api/spaces/${space.slug}/moderators/${moderatorMember.username}`,
      headers: { cookie: adminMember.cookie },
    });
    // The factory's sessions stay out of the traffic, but are secrets all the same.
    tokens.add(moderatorMember.token);
    tokens.add(adminMember.token);

    // Sign-up and login over HTTP.
    const anonSignup = await expectStatus(
      request('anon', 'signup anon', 'POST', '/api/auth/signup', signupBody('Stille_Schrijver')),
      201,
    );
    issuing.add(anonSignup.label);
    for (const code of need(anonSignup.json.recoveryCodes, 'codes')) recoveryCodes.add(code);
    anonAccount = need(anonSignup.json.user, 'user');
    const memberSignup = await expectStatus(
      request('member', 'signup member', 'POST', '/api/auth/signup', signupBody('Luisterend_Oor')),
      201,
    );
    issuing.add(memberSignup.label);
    for (const code of need(memberSignup.json.recoveryCodes, 'codes')) recoveryCodes.add(code);
    await expectStatus(request('anon', 'logout anon', 'POST', '/api/auth/logout'), 204);
    const login = (who: Who, username: string, password: string, status: number) =>
      expectStatus(request(who, `login ${who} (${status})`, 'POST', '/api/auth/login', { username, password }), status);
    await login('anon', 'Stille_Schrijver', STRONG_PASSWORD, 200);
    await login('anon', 'Stille_Schrijver', 'helemaal fout 123', 401);
    await login('moderator', moderatorMember.username, FIXTURE_PASSWORD, 200);
    await login('admin', adminMember.username, FIXTURE_PASSWORD, 200);
    await expectStatus(request('member', 'me', 'GET', '/api/me'), 200);
    await expectStatus(request('member', 'sessions', 'GET', '/api/me/sessions'), 200);

    // Everyone connects; staff listen to the queue.
    const live = {
      anon: socketFor('anon'),
      member: socketFor('member'),
      moderator: socketFor('moderator'),
      admin: socketFor('admin'),
      guest: socketFor('guest'),
    };
    await Promise.all(Object.values(live).map((socket) => waitFor(socket, 'hello')));
    expect(await live.moderator.timeout(3_000).emitWithAck('moderation:join', { space: space.slug })).toEqual({
      ok: true,
    });
    expect(await live.admin.timeout(3_000).emitWithAck('moderation:join', {})).toEqual({ ok: true });
    for (const who of ['member', 'moderator', 'guest'] as const) {
      expect(await live[who].timeout(3_000).emitWithAck('space:join', { slug: space.slug })).toEqual({ ok: true });
    }

    // Posting: the member openly, the writer anonymously (a thread and replies).
    const open = await expectStatus(
      request('member', 'open thread', 'POST', `/api/spaces/${space.slug}/threads`, {
        title: 'Slapeloze nachten',
        body: 'Wie herkent dit?',
        idempotencyKey: key(),
      }),
      201,
    );
    const openThreadId = need(open.json.thread, 'thread').id;
    const anonThread = await expectStatus(
      request('anon', 'anonymous thread', 'POST', `/api/spaces/${space.slug}/threads`, {
        title: 'Iets wat ik nooit vertelde',
        body: 'Het begon met een zoemende stilte.',
        anonymous: true,
        idempotencyKey: key(),
      }),
      201,
    );
    const anonThreadId = need(anonThread.json.thread, 'thread').id;
    for (const who of ['member', 'moderator', 'guest', 'admin'] as const) {
      for (const threadId of [openThreadId, anonThreadId]) {
        expect((await live[who].timeout(3_000).emitWithAck('thread:join', { threadId, lastSeenNumber: 0 })).ok).toBe(
          true,
        );
      }
    }
    await expectStatus(
      request('member', 'follow anonymous thread', 'POST', `/api/threads/${anonThreadId}/follow`),
      200,
    );
    const anonReply = await expectStatus(
      request('anon', 'anonymous reply', 'POST', `/api/threads/${openThreadId}/posts`, {
        body: 'Ik lig ook vaak wakker, zoemend hoofd.',
        anonymous: true,
        idempotencyKey: key(),
      }),
      201,
    );
    const anonReplyId = need(anonReply.json.post, 'post').id;
    await expectStatus(
      request('anon', 'anonymous reply in own thread', 'POST', `/api/threads/${anonThreadId}/posts`, {
        body: 'Aanvulling: het zoemen werd erger.',
        anonymous: true,
        idempotencyKey: key(),
      }),
      201,
    );
    expect((await live.anon.timeout(3_000).emitWithAck('thread:typing', { threadId: openThreadId })).ok).toBe(false);
    await live.anon.timeout(3_000).emitWithAck('thread:join', { threadId: openThreadId });
    expect(await live.anon.timeout(3_000).emitWithAck('thread:typing', { threadId: openThreadId })).toEqual({
      ok: true,
    });
    await expectStatus(request('member', 'react', 'PUT', `/api/posts/${anonReplyId}/reactions/steun`), 200);
    await expectStatus(
      request('member', 'reply', 'POST', `/api/threads/${anonThreadId}/posts`, {
        body: 'Veel sterkte!',
        idempotencyKey: key(),
      }),
      201,
    );

    // Reading and search, by everyone.
    for (const who of ['member', 'moderator', 'guest', 'admin'] as const) {
      await expectStatus(
        request(who, `posts of open thread (${who})`, 'GET', `/api/threads/${openThreadId}/posts`),
        200,
      );
      await expectStatus(
        request(who, `posts of anonymous thread (${who})`, 'GET', `/api/threads/${anonThreadId}/posts`),
        200,
      );
      await expectStatus(request(who, `anonymous thread (${who})`, 'GET', `/api/threads/${anonThreadId}`), 200);
      await expectStatus(request(who, `thread list (${who})`, 'GET', `/api/spaces/${space.slug}/threads`), 200);
      await expectStatus(request(who, `search (${who})`, 'GET', '/api/search?q=zoemend'), 200);
    }

    // A report and the moderator's work on it.
    const report = await expectStatus(
      request('member', 'report', 'POST', '/api/reports', {
        targetType: 'post',
        targetId: anonReplyId,
        reason: 'unkind',
        note: 'Klopt dit wel?',
      }),
      201,
    );
    expect(need(report.json.report, 'report').id).toBeTruthy();
    await expectStatus(
      request('member', 'report thread', 'POST', '/api/reports', {
        targetType: 'thread',
        targetId: anonThreadId,
        reason: 'other',
      }),
      201,
    );
    const queue = await expectStatus(request('moderator', 'queue', 'GET', '/api/moderation/queue'), 200);
    for (const item of need(queue.json.items, 'items')) {
      await expectStatus(request('moderator', 'queue item', 'GET', `/api/moderation/queue/${item.id}`), 200);
      await expectStatus(request('moderator', 'claim', 'POST', `/api/moderation/queue/${item.id}/claim`), 200);
    }
    const claimed = await expectStatus(request('moderator', 'queue again', 'GET', '/api/moderation/queue'), 200);
    const first = need(claimed.json.items, 'items').find((i) => i.target.id === anonReplyId);
    expect(first).toBeDefined();
    await expectStatus(
      request('moderator', 'resolve with hide', 'POST', `/api/moderation/queue/${first?.id}/resolve`, {
        decision: 'agree',
        action: 'hide_post',
        reason: 'Niet vriendelijk.',
        version: first?.version,
      }),
      200,
    );
    await expectStatus(
      request('moderator', 'mute the anonymous author', 'POST', '/api/moderation/actions', {
        action: 'mute_user',
        targetType: 'post',
        targetId: anonReplyId,
        reason: 'Afkoelen.',
        durationHours: 24,
      }),
      200,
    );
    await expectStatus(request('moderator', 'log', 'GET', '/api/moderation/log'), 200);
    await expectStatus(
      request('moderator', 'hidden post as moderator', 'GET', `/api/threads/${openThreadId}/posts`),
      200,
    );
    await expectStatus(request('moderator', 'appeals to decide', 'GET', '/api/moderation/appeals'), 200);

    // The audited unmask, for the admin only — then the log as moderators see it.
    const unmasked = await expectStatus(
      request('admin', UNMASK, 'POST', '/api/moderation/actions', {
        action: 'unmask_author',
        targetType: 'post',
        targetId: anonReplyId,
        reason: 'Veiligheid: dreiging.',
      }),
      200,
    );
    expect(need(unmasked.json.author, 'author').id).toBe(anonAccount.id);
    await expectStatus(request('moderator', 'log after unmask', 'GET', '/api/moderation/log'), 200);
    await expectStatus(request('admin', 'log as admin', 'GET', '/api/moderation/log'), 200);

    // Notifications, appeals, export.
    await expectStatus(request('member', 'notifications', 'GET', '/api/notifications'), 200);
    await expectStatus(request('anon', 'notifications (anon)', 'GET', '/api/notifications'), 200);
    await expectStatus(request('anon', 'my decisions', 'GET', '/api/appeals'), 200);
    await expectStatus(request('member', 'export', 'GET', '/api/me/export'), 200);
    await expectStatus(request('anon', 'export (anon)', 'GET', '/api/me/export'), 200);
    const regenerated = await expectStatus(
      request('anon', 'new recovery codes', 'POST', '/api/me/recovery-codes', { password: STRONG_PASSWORD }),
      200,
    );
    issuing.add(regenerated.label);
    for (const code of need(regenerated.json.recoveryCodes, 'codes')) recoveryCodes.add(code);
    await expectStatus(
      request('anon', 'password change', 'PATCH', '/api/me/password', {
        currentPassword: STRONG_PASSWORD,
        newPassword: 'een heel ander wachtwoord 9',
      }),
      204,
    );

    // Deletion: the account goes, its anonymous posts stay without an author.
    await expectStatus(
      request('anon', 'delete account', 'DELETE', '/api/me', {
        password: 'een heel ander wachtwoord 9',
        mode: 'anonymise',
      }),
      204,
    );
    await expectStatus(request('member', 'posts after deletion', 'GET', `/api/threads/${anonThreadId}/posts`), 200);
    await expectStatus(request('moderator', 'queue after deletion', 'GET', '/api/moderation/queue'), 200);

    // Every packet sent so far has arrived once each socket answers a ping.
    for (const who of ['member', 'moderator', 'admin', 'guest'] as const)
      await live[who].timeout(3_000).emitWithAck('ping');
    expect(responses.length).toBeGreaterThan(50);
    expect(socketPayloads.length).toBeGreaterThan(10);
    expect(t.logs.length).toBeGreaterThan(50);
  });
});

describe('the captured traffic and logs', () => {
  const host = () => new URL(baseUrl).host; // the server's own address appears in its listen log line
  const everything = (): { where: string; text: string }[] => [
    ...responses.map((r) => ({ where: `response to ${r.label}`, text: `${r.status} ${r.headers} ${r.body}` })),
    ...socketPayloads.map((p) => ({ where: `socket payload to ${p.who}`, text: p.text })),
    ...t.logs.map((line) => ({ where: 'log line', text: line.replaceAll(host(), 'SERVER') })),
  ];
  const offenders = (items: { where: string; text: string }[], secrets: string[]) =>
    items.flatMap(({ where, text }) => secrets.filter((s) => text.includes(s)).map((s) => `${where}: ${s}`));

  it('never contain a password hash', () => {
    expect(offenders(everything(), ['$argon2'])).toEqual([]);
  });

  it('never contain a session token outside the Set-Cookie header that issued it', () => {
    expect(tokens.size).toBeGreaterThanOrEqual(6);
    const withoutSetCookie = responses.map((r) => ({
      where: `response to ${r.label}`,
      text: `${JSON.stringify((JSON.parse(r.headers) as [string, string][]).filter(([name]) => name !== 'set-cookie'))} ${r.body}`,
    }));
    const others = everything().filter((item) => !item.where.startsWith('response to'));
    expect(offenders([...withoutSetCookie, ...others], [...tokens])).toEqual([]);
  });

  it('never contain a raw IP address', () => {
    expect(offenders(everything(), [FORWARDED_IP, '127.0.0.1', '::1', '::ffff:'])).toEqual([]);
  });

  it('never contain a recovery code outside the answer that issued it', () => {
    expect(recoveryCodes.size).toBe(30);
    const items = [
      ...responses
        .filter((r) => !issuing.has(r.label))
        .map((r) => ({ where: `response to ${r.label}`, text: `${r.headers} ${r.body}` })),
      ...everything().filter((item) => !item.where.startsWith('response to')),
    ];
    expect(offenders(items, [...recoveryCodes])).toEqual([]);
  });

  it('never tell a moderator or another member who is behind an anonymous post', () => {
    const toOthers = [
      ...responses
        .filter((r) => r.who !== 'anon' && r.label !== UNMASK)
        .map((r) => ({ where: `response to ${r.label}`, text: `${r.headers} ${r.body}` })),
      ...socketPayloads
        .filter((p) => p.who !== 'anon')
        .map((p) => ({ where: `socket payload to ${p.who}`, text: p.text })),
    ];
    expect(toOthers.length).toBeGreaterThan(40);
    expect(offenders(toOthers, [anonAccount.id, anonAccount.username, anonAccount.username.toLowerCase()])).toEqual([]);
  });
});
