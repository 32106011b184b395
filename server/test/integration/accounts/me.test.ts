import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spaces } from '../../../src/db/schema';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { call, sessionCookie, signUp, STRONG_PASSWORD } from '../../helpers/accounts';
import { listen, openSocket, waitFor } from '../../helpers/socket';
import { createMember } from '../../factories/members';

let t: TestApp;
let baseUrl: string;
const NEW_PASSWORD = 'de zee is vandaag heel kalm';

beforeAll(async () => {
  t = await buildTestApp();
  baseUrl = await listen(t.app);
});
afterAll(async () => {
  await t.close();
});

const login = (username: string, password: string, userAgent?: string) =>
  call(
    t.app,
    'POST',
    '/api/auth/login',
    { username, password },
    { ip: '192.0.2.60', ...(userAgent ? { headers: { 'user-agent': userAgent } } : {}) },
  );
const me = (cookie: string) => call(t.app, 'GET', '/api/me', undefined, { cookie });

describe('GET /api/me', () => {
  it('lists the slugs of the spaces a moderator moderates', async () => {
    const created = await t.app.kring.database.db
      .insert(spaces)
      .values([
        { slug: 'tinnitus', name: 'Tinnitus' },
        { slug: 'borstkanker', name: 'Borstkanker' },
      ])
      .returning();
    const moderator = await createMember(t.app, { moderatorOf: created.map((s) => s.id) });
    const res = await me(moderator.cookie);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.moderatorOf).toEqual(['borstkanker', 'tinnitus']);
  });
});

describe('GET /api/auth/session', () => {
  it('answers a guest with user null (200, not an error) and never caches', async () => {
    const res = await call(t.app, 'GET', '/api/auth/session');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ user: null });
    expect(res.headers['cache-control']).toContain('no-store');
  });

  it('answers a member with the same user as GET /api/me', async () => {
    const member = await signUp(t.app, 'Sessie_Vraag');
    const res = await call(t.app, 'GET', '/api/auth/session', undefined, { cookie: member.cookie });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual((await me(member.cookie)).json());
    expect(res.json().user.username).toBe('Sessie_Vraag');
  });

  it('answers a revoked or forged cookie as a guest', async () => {
    const res = await call(t.app, 'GET', '/api/auth/session', undefined, { cookie: 'kring_session=forged' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ user: null });
  });
});

describe('PATCH /api/me', () => {
  it('changes the pseudonym and the language', async () => {
    const member = await signUp(t.app, 'Oude_Naam');
    const res = await call(
      t.app,
      'PATCH',
      '/api/me',
      { username: 'Nieuwe_Naam', locale: 'en' },
      { cookie: member.cookie },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ username: 'Nieuwe_Naam', locale: 'en' });
    expect((await me(member.cookie)).json().user.username).toBe('Nieuwe_Naam');
    expect((await login('Nieuwe_Naam', STRONG_PASSWORD)).statusCode).toBe(200);
    expect((await login('Oude_Naam', STRONG_PASSWORD)).statusCode).toBe(401);
  });

  it('allows changing only the case of one’s own pseudonym', async () => {
    const member = await signUp(t.app, 'kleine_letters');
    const res = await call(t.app, 'PATCH', '/api/me', { username: 'Kleine_Letters' }, { cookie: member.cookie });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.username).toBe('Kleine_Letters');
  });

  it('refuses a pseudonym someone else has, in any case (409)', async () => {
    await signUp(t.app, 'Bezette_Naam');
    const member = await signUp(t.app, 'Vrije_Naam');
    const res = await call(t.app, 'PATCH', '/api/me', { username: 'BEZETTE_naam' }, { cookie: member.cookie });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('username_taken');
  });

  it('refuses a reserved or malformed pseudonym (400)', async () => {
    const member = await signUp(t.app, 'Gewone_Naam');
    for (const username of ['beheerder', 'a b', '\u202Eanna']) {
      const res = await call(t.app, 'PATCH', '/api/me', { username }, { cookie: member.cookie });
      expect(res.statusCode, username).toBe(400);
    }
  });

  it('refuses an unknown language, unknown fields, and guests', async () => {
    const member = await signUp(t.app, 'Taal_Naam');
    expect((await call(t.app, 'PATCH', '/api/me', { locale: 'de' }, { cookie: member.cookie })).statusCode).toBe(400);
    expect((await call(t.app, 'PATCH', '/api/me', { role: 'admin' }, { cookie: member.cookie })).statusCode).toBe(400);
    expect((await call(t.app, 'PATCH', '/api/me', { locale: 'en' })).statusCode).toBe(401);
  });
});

describe('PATCH /api/me/password', () => {
  it('changes the password, ends every session and rotates this one', async () => {
    const member = await signUp(t.app, 'Wachtwoord_Wisselaar');
    const other = sessionCookie(await login('Wachtwoord_Wisselaar', STRONG_PASSWORD)) ?? '';
    const res = await call(
      t.app,
      'PATCH',
      '/api/me/password',
      { currentPassword: STRONG_PASSWORD, newPassword: NEW_PASSWORD },
      { cookie: member.cookie },
    );
    expect(res.statusCode).toBe(204);
    const rotated = sessionCookie(res) ?? '';
    expect(rotated).not.toBe('');
    expect(rotated).not.toBe(member.cookie);
    expect((await me(rotated)).statusCode).toBe(200);
    expect((await me(member.cookie)).statusCode).toBe(401);
    expect((await me(other)).statusCode).toBe(401);
    expect((await login('Wachtwoord_Wisselaar', NEW_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses a wrong current password (403 wrong_password)', async () => {
    const member = await signUp(t.app, 'Vergeten_Wachtwoord');
    const res = await call(
      t.app,
      'PATCH',
      '/api/me/password',
      { currentPassword: 'dit was het niet', newPassword: NEW_PASSWORD },
      { cookie: member.cookie },
    );
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('wrong_password');
    expect((await me(member.cookie)).statusCode).toBe(200);
  });

  it('refuses a weak new password (400 weak_password)', async () => {
    const member = await signUp(t.app, 'Zwak_Wachtwoord');
    const res = await call(
      t.app,
      'PATCH',
      '/api/me/password',
      { currentPassword: STRONG_PASSWORD, newPassword: 'password1234' },
      { cookie: member.cookie },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'weak_password', fields: { newPassword: 'too_common' } });
  });

  it('needs a signed-in member', async () => {
    const res = await call(t.app, 'PATCH', '/api/me/password', { currentPassword: 'x', newPassword: NEW_PASSWORD });
    expect(res.statusCode).toBe(401);
  });
});

describe('/api/me/sessions', () => {
  const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
  const iphone =
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

  it('lists the member’s sessions with the current one marked, and nobody else’s', async () => {
    await signUp(t.app, 'Sessie_Lid');
    const first = sessionCookie(await login('Sessie_Lid', STRONG_PASSWORD, firefox)) ?? '';
    await login('Sessie_Lid', STRONG_PASSWORD, iphone);
    await signUp(t.app, 'Ander_Lid');
    const res = await call(t.app, 'GET', '/api/me/sessions', undefined, { cookie: first });
    expect(res.statusCode).toBe(200);
    const { items, nextCursor } = res.json();
    expect(nextCursor).toBeNull();
    expect(items).toHaveLength(3); // sign-up, Firefox, iPhone
    expect(items[0]).toMatchObject({ current: true, label: 'Firefox · Linux' });
    expect(items.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expect(items.map((s: { label: string }) => s.label)).toContain('Safari · iOS');
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(['createdAt', 'current', 'expiresAt', 'id', 'label', 'lastUsedAt']);
    }
  });

  it('revokes one session; another member’s session id is a 404', async () => {
    await signUp(t.app, 'Intrekker');
    const mine = sessionCookie(await login('Intrekker', STRONG_PASSWORD)) ?? '';
    const phone = sessionCookie(await login('Intrekker', STRONG_PASSWORD, iphone)) ?? '';
    const stranger = await signUp(t.app, 'Vreemde');
    const list = (await call(t.app, 'GET', '/api/me/sessions', undefined, { cookie: mine })).json().items;
    const phoneSession = list.find((s: { label: string }) => s.label === 'Safari · iOS');

    const foreign = await call(t.app, 'DELETE', `/api/me/sessions/${phoneSession.id}`, undefined, {
      cookie: stranger.cookie,
    });
    expect(foreign.statusCode).toBe(404);
    expect((await me(phone)).statusCode).toBe(200);

    const res = await call(t.app, 'DELETE', `/api/me/sessions/${phoneSession.id}`, undefined, { cookie: mine });
    expect(res.statusCode).toBe(204);
    expect((await me(phone)).statusCode).toBe(401);
    expect((await me(mine)).statusCode).toBe(200);

    const again = await call(t.app, 'DELETE', `/api/me/sessions/${phoneSession.id}`, undefined, { cookie: mine });
    expect(again.statusCode).toBe(404);
  });

  it('revoking the current session signs this browser out', async () => {
    const member = await signUp(t.app, 'Zelf_Uit');
    const list = (await call(t.app, 'GET', '/api/me/sessions', undefined, { cookie: member.cookie })).json().items;
    const res = await call(t.app, 'DELETE', `/api/me/sessions/${list[0].id}`, undefined, { cookie: member.cookie });
    expect(res.statusCode).toBe(204);
    expect(String(res.headers['set-cookie'])).toMatch(/kring_session=;/);
    expect((await me(member.cookie)).statusCode).toBe(401);
  });

  it('refuses a malformed session id (400)', async () => {
    const member = await signUp(t.app, 'Rare_Id');
    const res = await call(t.app, 'DELETE', '/api/me/sessions/not-a-session', undefined, { cookie: member.cookie });
    expect(res.statusCode).toBe(400);
  });

  it('signs out everywhere else', async () => {
    const member = await signUp(t.app, 'Overal_Uit');
    const a = sessionCookie(await login('Overal_Uit', STRONG_PASSWORD)) ?? '';
    const b = sessionCookie(await login('Overal_Uit', STRONG_PASSWORD)) ?? '';
    const res = await call(t.app, 'DELETE', '/api/me/sessions', undefined, { cookie: member.cookie });
    expect(res.statusCode).toBe(204);
    expect((await me(member.cookie)).statusCode).toBe(200);
    expect((await me(a)).statusCode).toBe(401);
    expect((await me(b)).statusCode).toBe(401);
    const list = (await call(t.app, 'GET', '/api/me/sessions', undefined, { cookie: member.cookie })).json().items;
    expect(list).toHaveLength(1);
  });

  it('needs a signed-in member', async () => {
    expect((await call(t.app, 'GET', '/api/me/sessions')).statusCode).toBe(401);
    expect((await call(t.app, 'DELETE', '/api/me/sessions')).statusCode).toBe(401);
    expect((await call(t.app, 'DELETE', `/api/me/sessions/${'a'.repeat(64)}`)).statusCode).toBe(401);
  });
});

describe('realtime follows the session', () => {
  it('a socket authenticated with a session is disconnected when that session ends', async () => {
    const member = await signUp(t.app, 'Live_Lid');
    const other = sessionCookie(await login('Live_Lid', STRONG_PASSWORD)) ?? '';
    const socket = openSocket(baseUrl, { cookie: member.cookie });
    const otherSocket = openSocket(baseUrl, { cookie: other });
    try {
      await waitFor(socket, 'hello', 15_000);
      await waitFor(otherSocket, 'hello', 15_000);
      const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
      expect((await call(t.app, 'POST', '/api/auth/logout', undefined, { cookie: member.cookie })).statusCode).toBe(
        204,
      );
      expect(await disconnected).toBe('io server disconnect');
      // The member's other session keeps its connection.
      const ack = await otherSocket.timeout(10_000).emitWithAck('ping');
      expect(ack).toEqual({ ok: true });
      expect(otherSocket.connected).toBe(true);
    } finally {
      socket.close();
      otherSocket.close();
    }
  });

  it('signing out everywhere else disconnects the other sessions’ sockets only', async () => {
    const member = await signUp(t.app, 'Live_Overal');
    const other = sessionCookie(await login('Live_Overal', STRONG_PASSWORD)) ?? '';
    const mine = openSocket(baseUrl, { cookie: member.cookie });
    const theirs = openSocket(baseUrl, { cookie: other });
    try {
      await waitFor(mine, 'hello', 15_000);
      await waitFor(theirs, 'hello', 15_000);
      const disconnected = new Promise<string>((resolve) => theirs.once('disconnect', resolve));
      await call(t.app, 'DELETE', '/api/me/sessions', undefined, { cookie: member.cookie });
      expect(await disconnected).toBe('io server disconnect');
      expect(await mine.timeout(10_000).emitWithAck('ping')).toEqual({ ok: true });
    } finally {
      mine.close();
      theirs.close();
    }
  });
});
