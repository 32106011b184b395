import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { createMember } from '../../factories/members';
import { ABSOLUTE_LIFETIME_MS, sessionIdFromToken } from '../../../src/modules/sessions/sessions.service';
import { sessions } from '../../../src/db/schema';
import { eq } from 'drizzle-orm';

let t: TestApp;
let now = new Date('2026-01-01T12:00:00Z');

beforeAll(async () => {
  t = await buildTestApp({}, { clock: { now: () => now } });
  t.app.get('/api/test/whoami', async (request) => request.actor);
  await t.app.ready();
});
afterAll(async () => {
  await t.close();
});

describe('session core', () => {
  it('stores only the SHA-256 of the token', async () => {
    const member = await createMember(t.app);
    const rows = await t.app.kring.database.db.select().from(sessions).where(eq(sessions.userId, member.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).toBe(sessionIdFromToken(member.token));
    expect(rows[0]?.id).not.toBe(member.token);
  });

  it('sets request.actor from the cookie, and a guest without one', async () => {
    const member = await createMember(t.app, { username: 'Blauwe_Reiger' });
    const signedIn = await t.app.inject({ method: 'GET', url: '/api/test/whoami', headers: { cookie: member.cookie } });
    expect(signedIn.json()).toMatchObject({ kind: 'member', username: 'Blauwe_Reiger', role: 'member' });
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/test/whoami' });
    expect(anonymous.json()).toEqual({ kind: 'guest' });
  });

  it('slides the expiry on use and clears an expired session', async () => {
    const member = await createMember(t.app);
    now = new Date(now.getTime() + 10 * 24 * 3600_000);
    const renewed = await t.app.inject({ method: 'GET', url: '/api/test/whoami', headers: { cookie: member.cookie } });
    expect(renewed.json().kind).toBe('member');
    expect(String(renewed.headers['set-cookie'])).toContain('kring_session=');
    expect(String(renewed.headers['set-cookie'])).toContain('HttpOnly');
    expect(String(renewed.headers['set-cookie'])).toContain('SameSite=Lax');

    now = new Date(now.getTime() + 31 * 24 * 3600_000);
    const expired = await t.app.inject({ method: 'GET', url: '/api/test/whoami', headers: { cookie: member.cookie } });
    expect(expired.json()).toEqual({ kind: 'guest' });
  });

  it('never extends past the absolute lifetime', async () => {
    const member = await createMember(t.app);
    const start = now.getTime();
    for (let day = 20; day * 24 * 3600_000 < ABSOLUTE_LIFETIME_MS; day += 20) {
      now = new Date(start + day * 24 * 3600_000);
      const res = await t.app.inject({ method: 'GET', url: '/api/test/whoami', headers: { cookie: member.cookie } });
      expect(res.json().kind).toBe('member');
    }
    now = new Date(start + ABSOLUTE_LIFETIME_MS + 1000);
    const res = await t.app.inject({ method: 'GET', url: '/api/test/whoami', headers: { cookie: member.cookie } });
    expect(res.json()).toEqual({ kind: 'guest' });
  });
});
