import { eq } from 'drizzle-orm';
import type { DeletionMode } from '@kring/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recoveryCodes, sessions, spaceMembers, spaceModerators, spaces, users } from '../../../src/db/schema';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { call, signUp, STRONG_PASSWORD, type SignedUp } from '../../helpers/accounts';

let t: TestApp;
let spaceIds: { open: string; closed: string };

/** What the test feature's deletion hook saw, and whether it should fail. */
let probe: { calls: { userId: string; mode: DeletionMode; inTransaction: boolean }[]; fail: boolean; after: string[] };

beforeAll(async () => {
  t = await buildTestApp();
  const created = await t.app.kring.database.db
    .insert(spaces)
    .values([
      { slug: 'mantelzorg', name: 'Mantelzorg', visibility: 'registered' },
      { slug: 'rouw', name: 'Rouw', visibility: 'closed' },
    ])
    .returning();
  spaceIds = { open: created[0]?.id ?? '', closed: created[1]?.id ?? '' };

  // A stand-in for a later feature (posts): it registers a hook and an export section.
  t.app.kring.accountExtensions.onDelete('test-probe', async (tx, userId, mode) => {
    // Inside the transaction the account still exists.
    const [row] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId));
    probe.calls.push({ userId, mode, inTransaction: row?.id === userId });
    if (probe.fail) throw new Error('probe refuses');
    return () => {
      probe.after.push(userId);
    };
  });
  t.app.kring.accountExtensions.exportSection('testProbe', async (_db, userId) => ({ posts: [], userId }));
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  probe = { calls: [], fail: false, after: [] };
});

async function memberWithEverything(username: string): Promise<SignedUp> {
  const member = await signUp(t.app, username);
  const db = t.app.kring.database.db;
  await db.insert(spaceMembers).values({
    spaceId: spaceIds.closed,
    userId: member.id,
    status: 'approved',
    message: 'Mijn moeder is vorig jaar overleden.',
  });
  await db.insert(spaceModerators).values({ spaceId: spaceIds.open, userId: member.id });
  // A second session on another device.
  await call(t.app, 'POST', '/api/auth/login', { username, password: STRONG_PASSWORD }, { ip: '192.0.2.70' });
  return member;
}

async function storedAbout(userId: string) {
  const db = t.app.kring.database.db;
  return {
    user: await db.select().from(users).where(eq(users.id, userId)),
    sessions: await db.select().from(sessions).where(eq(sessions.userId, userId)),
    recoveryCodes: await db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, userId)),
    memberships: await db.select().from(spaceMembers).where(eq(spaceMembers.userId, userId)),
    moderatorRows: await db.select().from(spaceModerators).where(eq(spaceModerators.userId, userId)),
  };
}

const deleteAccount = (cookie: string | undefined, body: unknown, headers: Record<string, string> = {}) =>
  call(t.app, 'DELETE', '/api/me', body, { ...(cookie ? { cookie } : {}), headers });

describe('GET /api/me/export', () => {
  it('downloads everything stored about the member as JSON, and nothing secret', async () => {
    const member = await memberWithEverything('Export_Lid');
    const res = await call(t.app, 'GET', '/api/me/export', undefined, { cookie: member.cookie });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="kring-export.json"');
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body.format).toBe('kring-account-export/1');
    expect(body.account).toMatchObject({
      id: member.id,
      username: 'Export_Lid',
      role: 'member',
      consent: { version: '2026-11', ageConfirmedAt: expect.any(String), healthDataConsentAt: expect.any(String) },
    });
    expect(body.sessions).toHaveLength(2);
    expect(body.recoveryCodes).toEqual({ remaining: 10, createdAt: expect.any(String) });
    expect(body.sections.spaceMemberships).toEqual([
      expect.objectContaining({ space: 'rouw', status: 'approved', message: 'Mijn moeder is vorig jaar overleden.' }),
    ]);
    expect(body.sections.moderatorOf).toEqual([expect.objectContaining({ space: 'mantelzorg' })]);
    expect(body.sections.testProbe).toEqual({ posts: [], userId: member.id });

    const [row] = await t.app.kring.database.db.select().from(users).where(eq(users.id, member.id));
    expect(res.body).not.toContain(row?.passwordHash ?? 'no hash');
    expect(res.body).not.toMatch(/argon2|passwordHash|codeHash/);
    for (const code of member.recoveryCodes) expect(res.body).not.toContain(code);
  });

  it('needs a signed-in member', async () => {
    expect((await call(t.app, 'GET', '/api/me/export')).statusCode).toBe(401);
  });
});

describe('DELETE /api/me', () => {
  it.each(['erase', 'anonymise'] as const)(
    'mode %s: the account and everything attached to it is gone; the hooks saw the mode',
    async (mode) => {
      const member = await memberWithEverything(`Weg_${mode}`);
      const before = await storedAbout(member.id);
      expect(before.sessions).toHaveLength(2);
      expect(before.recoveryCodes).toHaveLength(10);
      expect(before.memberships).toHaveLength(1);
      expect(before.moderatorRows).toHaveLength(1);

      const res = await deleteAccount(member.cookie, { password: STRONG_PASSWORD, mode });
      expect(res.statusCode).toBe(204);
      expect(String(res.headers['set-cookie'])).toMatch(/kring_session=;/);

      expect(await storedAbout(member.id)).toEqual({
        user: [],
        sessions: [],
        recoveryCodes: [],
        memberships: [],
        moderatorRows: [],
      });
      expect(probe.calls).toEqual([{ userId: member.id, mode, inTransaction: true }]);
      expect(probe.after).toEqual([member.id]);
      // The cookie stops working, the pseudonym and password no longer sign in, the codes recover nothing.
      expect((await call(t.app, 'GET', '/api/me', undefined, { cookie: member.cookie })).statusCode).toBe(401);
      const login = await call(t.app, 'POST', '/api/auth/login', {
        username: `Weg_${mode}`,
        password: STRONG_PASSWORD,
      });
      expect(login.statusCode).toBe(401);
      const recover = await call(t.app, 'POST', '/api/auth/recover', {
        username: `Weg_${mode}`,
        recoveryCode: member.recoveryCodes[0],
        newPassword: 'een heel nieuw wachtwoord',
      });
      expect(recover.statusCode).toBe(401);
      // The spaces themselves are untouched.
      const remaining = await t.app.kring.database.db.select().from(spaces);
      expect(remaining.map((s) => s.slug).sort()).toEqual(['mantelzorg', 'rouw']);
    },
  );

  it('keeps everything when a feature’s hook fails (one transaction)', async () => {
    const member = await memberWithEverything('Blijft_Bestaan');
    probe.fail = true;
    const res = await deleteAccount(member.cookie, { password: STRONG_PASSWORD, mode: 'erase' });
    expect(res.statusCode).toBe(500);
    const after = await storedAbout(member.id);
    expect(after.user).toHaveLength(1);
    expect(after.sessions).toHaveLength(2);
    expect(after.recoveryCodes).toHaveLength(10);
    expect(after.memberships).toHaveLength(1);
    expect(after.moderatorRows).toHaveLength(1);
    expect(probe.after).toEqual([]);
    expect((await call(t.app, 'GET', '/api/me', undefined, { cookie: member.cookie })).statusCode).toBe(200);
  });

  it('refuses a wrong password (403 wrong_password) and deletes nothing', async () => {
    const member = await signUp(t.app, 'Bijna_Weg');
    const res = await deleteAccount(member.cookie, { password: 'dit klopt niet', mode: 'erase' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('wrong_password');
    expect((await storedAbout(member.id)).user).toHaveLength(1);
    expect(probe.calls).toEqual([]);
  });

  it.each([
    ['without a mode', { password: STRONG_PASSWORD }],
    ['with an unknown mode', { password: STRONG_PASSWORD, mode: 'soft' }],
    ['without a body', undefined],
  ])('refuses a request %s (400)', async (_case, body) => {
    const member = await signUp(t.app, `Onvolledig_${Math.floor(Math.random() * 1e6)}`);
    const res = await deleteAccount(member.cookie, body);
    expect(res.statusCode).toBe(400);
    expect((await storedAbout(member.id)).user).toHaveLength(1);
  });

  it('needs a signed-in member (401)', async () => {
    const res = await deleteAccount(undefined, { password: STRONG_PASSWORD, mode: 'erase' });
    expect(res.statusCode).toBe(401);
  });

  it('refuses a deletion from another origin (403 cross_origin)', async () => {
    const member = await signUp(t.app, 'Niet_Via_Elders');
    const res = await deleteAccount(
      member.cookie,
      { password: STRONG_PASSWORD, mode: 'erase' },
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    );
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('cross_origin');
    expect((await storedAbout(member.id)).user).toHaveLength(1);
  });
});
