import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../../../src/db/schema';
import { throttlePolicies } from '../../../src/modules/accounts/accounts.throttle';
import { SLIDING_LIFETIME_MS } from '../../../src/modules/sessions/sessions.service';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { call, sessionCookie, signUp, STRONG_PASSWORD } from '../../helpers/accounts';

let t: TestApp;
let now = new Date('2026-11-02T09:00:00Z');
const advance = (ms: number) => (now = new Date(now.getTime() + ms));

beforeAll(async () => {
  t = await buildTestApp({}, { clock: { now: () => now } });
});
afterAll(async () => {
  await t.close();
});

const login = (username: string, password: string, options: { ip?: string; cookie?: string } = {}) =>
  call(t.app, 'POST', '/api/auth/login', { username, password }, { ip: options.ip ?? '192.0.2.10', ...options });

describe('POST /api/auth/login', () => {
  it('signs in with the pseudonym in any case and sets a fresh cookie', async () => {
    const member = await signUp(t.app, 'Rustige_Roos');
    const res = await login('rustige_ROOS', STRONG_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ id: member.id, username: 'Rustige_Roos', role: 'member' });
    const cookie = sessionCookie(res);
    expect(cookie).not.toBeNull();
    expect(cookie).not.toBe(member.cookie);
    expect(String(res.headers['set-cookie'])).toContain('HttpOnly');
    const me = await call(t.app, 'GET', '/api/me', undefined, { cookie: cookie ?? '' });
    expect(me.json().user.id).toBe(member.id);
  });

  it('rotates: the session the browser had before ends', async () => {
    const member = await signUp(t.app, 'Trouwe_Tulp');
    const res = await login('Trouwe_Tulp', STRONG_PASSWORD, { cookie: member.cookie });
    expect(res.statusCode).toBe(200);
    const old = await call(t.app, 'GET', '/api/me', undefined, { cookie: member.cookie });
    expect(old.statusCode).toBe(401);
    const fresh = await call(t.app, 'GET', '/api/me', undefined, { cookie: sessionCookie(res) ?? '' });
    expect(fresh.statusCode).toBe(200);
  });

  it('answers a wrong password and an unknown pseudonym identically', async () => {
    await signUp(t.app, 'Eerlijke_Eik');
    const wrong = await login('Eerlijke_Eik', 'niet het goede wachtwoord', { ip: '192.0.2.11' });
    const unknown = await login('Niemand_Hier', 'niet het goede wachtwoord', { ip: '192.0.2.11' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toBe(unknown.body);
    expect(wrong.json().error.code).toBe('invalid_credentials');
    expect(sessionCookie(wrong)).toBeNull();
    expect(sessionCookie(unknown)).toBeNull();
  });

  it('spends comparable work on an unknown pseudonym (a dummy hash is verified)', async () => {
    // CPU time of this process (all threads, so argon2's worker threads count), not wall time: other
    // processes on a busy machine add waiting, never CPU time, so the comparison holds under load.
    const work = async (username: string) => {
      const start = process.cpuUsage();
      const res = await login(username, 'niet het goede wachtwoord', { ip: '192.0.2.12' });
      expect(res.statusCode).toBe(401);
      const used = process.cpuUsage(start);
      return used.user + used.system;
    };
    // Skipping the hash for unknown names makes them cost a fraction of a known name's work, in every
    // round; with the dummy hash both cost the same. Minima, because garbage collection and the like only
    // ever add work; up to three rounds, in case one round's minima are still disturbed.
    const ratios: number[] = [];
    for (let round = 0; round < 3; round++) {
      // Fresh accounts each round, four wrong guesses each: below the per-account threshold.
      const accounts = [`Wijze_Uil_${round}`, `Wijze_Wilg_${round}`];
      for (const name of accounts) await signUp(t.app, name);
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 8; i++) {
        known.push(await work(accounts[i % accounts.length] ?? ''));
        unknown.push(await work(`Onbekend_${round}_${i}`));
      }
      ratios.push(Math.min(...unknown) / Math.min(...known));
      if (ratios.at(-1)! > 0.75) break;
    }
    expect(Math.max(...ratios), `min(unknown) / min(known) CPU per round: ${ratios.join(', ')}`).toBeGreaterThan(0.75);
  });

  it('backs off per account and source after repeated failures, even with the right password', async () => {
    await signUp(t.app, 'Geduldige_Egel');
    const ip = '192.0.2.100';
    const { threshold, baseBlockMs } = throttlePolicies.login_pair;
    for (let i = 0; i < threshold; i++) {
      const res = await login('Geduldige_Egel', `fout wachtwoord ${i}`, { ip });
      expect(res.statusCode).toBe(401);
    }
    const blocked = await login('Geduldige_Egel', STRONG_PASSWORD, { ip });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('rate_limited');
    expect(Number(blocked.headers['retry-after'])).toBe(baseBlockMs / 1000);

    advance(baseBlockMs + 1000);
    // One more failure doubles the wait.
    expect((await login('Geduldige_Egel', 'nog een keer fout', { ip })).statusCode).toBe(401);
    const longer = await login('Geduldige_Egel', STRONG_PASSWORD, { ip });
    expect(longer.statusCode).toBe(429);
    expect(Number(longer.headers['retry-after'])).toBe((2 * baseBlockMs) / 1000);

    advance(2 * baseBlockMs + 1000);
    const ok = await login('Geduldige_Egel', STRONG_PASSWORD, { ip });
    expect(ok.statusCode).toBe(200);
    // Success resets the count: the next failure is simply a 401 again.
    expect((await login('Geduldige_Egel', 'weer fout', { ip })).statusCode).toBe(401);
  });

  it('never locks the owner out from another address (issue 21)', async () => {
    const owner = await signUp(t.app, 'Waakzame_Wachter');
    const attacker = '203.0.113.66';
    const { threshold } = throttlePolicies.login_pair;
    for (let i = 0; i < threshold; i++) {
      expect((await login('Waakzame_Wachter', `gok ${i}`, { ip: attacker })).statusCode).toBe(401);
    }
    // The attacker is stopped for this account (with the right password too) …
    expect((await login('Waakzame_Wachter', `gok ${threshold}`, { ip: attacker })).statusCode).toBe(429);
    expect((await login('Waakzame_Wachter', STRONG_PASSWORD, { ip: attacker })).statusCode).toBe(429);
    // … while the owner, elsewhere, signs in as usual, again and again.
    for (let round = 0; round < 3; round++) {
      const res = await login('waakzame_wachter', STRONG_PASSWORD, { ip: '198.51.100.7' });
      expect(res.statusCode).toBe(200);
      expect(res.json().user.id).toBe(owner.id);
    }
    // The attacker's block is for this account only: another pseudonym from that address still gets a 401.
    expect((await login('Iemand_Anders_Hier', 'gok', { ip: attacker })).statusCode).toBe(401);
  });

  it('keeps a per-account ceiling against guessing from many addresses; a recovery code still gets the owner in', async () => {
    const owner = await signUp(t.app, 'Belaagde_Bever');
    const { threshold } = throttlePolicies.login_account;
    expect(threshold).toBeGreaterThanOrEqual(10 * throttlePolicies.login_pair.threshold);
    // Each address stays below its own limits; together they reach the account's ceiling.
    for (let i = 0; i < threshold; i++) {
      const ip = `10.${Math.floor(i / 250)}.${i % 250}.1`;
      expect((await login('Belaagde_Bever', `verspreide gok ${i}`, { ip })).statusCode).toBe(401);
    }
    const blocked = await login('Belaagde_Bever', STRONG_PASSWORD, { ip: '198.51.100.8' });
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBe(throttlePolicies.login_account.baseBlockMs / 1000);

    const newPassword = 'een nieuw wachtwoord na de storm';
    const recovered = await call(
      t.app,
      'POST',
      '/api/auth/recover',
      { username: 'Belaagde_Bever', recoveryCode: owner.recoveryCodes[0] ?? '', newPassword },
      { ip: '198.51.100.8' },
    );
    expect(recovered.statusCode).toBe(200);
    expect(recovered.json().user.id).toBe(owner.id);
    // The recovery started the account's count again: the new password works at once.
    expect((await login('Belaagde_Bever', newPassword, { ip: '198.51.100.9' })).statusCode).toBe(200);
  });

  it('throttles an unknown pseudonym exactly like a real one (no enumeration through 429)', async () => {
    const { threshold } = throttlePolicies.login_pair;
    for (let i = 0; i < threshold; i++) await login('Bestaat_Niet', `poging ${i}`, { ip: '192.0.2.150' });
    const res = await login('Bestaat_Niet', 'nog een poging', { ip: '192.0.2.150' });
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBe(String(throttlePolicies.login_pair.baseBlockMs / 1000));
  });

  it('throttles one address that tries many pseudonyms', async () => {
    const ip = '203.0.113.77';
    const { threshold } = throttlePolicies.login_ip;
    for (let i = 0; i < threshold; i++) {
      expect((await login(`Gok_${i}`, 'wachtwoord-gok', { ip })).statusCode).toBe(401);
    }
    const blocked = await login('Gok_laatste', 'wachtwoord-gok', { ip });
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Someone else, elsewhere, signs in normally.
    await signUp(t.app, 'Moedige_Mus');
    expect((await login('Moedige_Mus', STRONG_PASSWORD, { ip: '203.0.113.78' })).statusCode).toBe(200);
  });

  it('refuses a login from another origin', async () => {
    const res = await call(
      t.app,
      'POST',
      '/api/auth/login',
      { username: 'Rustige_Roos', password: STRONG_PASSWORD },
      { headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } },
    );
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('cross_origin');
  });

  it('refuses a body with unknown fields', async () => {
    const res = await call(t.app, 'POST', '/api/auth/login', { username: 'a', password: 'b', remember: true });
    expect(res.statusCode).toBe(400);
  });
});

describe('sessions', () => {
  it('an expired session is a guest: /api/me answers 401 and the cookie is cleared', async () => {
    const member = await signUp(t.app, 'Milde_Maan');
    advance(SLIDING_LIFETIME_MS + 1000);
    const res = await call(t.app, 'GET', '/api/me', undefined, { cookie: member.cookie });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
    expect(String(res.headers['set-cookie'])).toMatch(/kring_session=;/);
    const rows = await t.app.kring.database.db.select().from(sessions).where(eq(sessions.userId, member.id));
    expect(rows).toHaveLength(0);
  });

  it('logout ends the session: 204, cookie cleared, the old cookie no longer works', async () => {
    const member = await signUp(t.app, 'Groene_Golf');
    const res = await call(t.app, 'POST', '/api/auth/logout', undefined, { cookie: member.cookie });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect(String(res.headers['set-cookie'])).toMatch(/kring_session=;/);
    expect((await call(t.app, 'GET', '/api/me', undefined, { cookie: member.cookie })).statusCode).toBe(401);
  });

  it('logout as a guest is a harmless 204', async () => {
    const res = await call(t.app, 'POST', '/api/auth/logout');
    expect(res.statusCode).toBe(204);
  });

  it('refuses a logout from another origin (no forced sign-out)', async () => {
    const member = await signUp(t.app, 'Witte_Wolk');
    const res = await call(t.app, 'POST', '/api/auth/logout', undefined, {
      cookie: member.cookie,
      headers: { origin: 'https://evil.example' },
    });
    expect(res.statusCode).toBe(403);
    expect((await call(t.app, 'GET', '/api/me', undefined, { cookie: member.cookie })).statusCode).toBe(200);
  });

  it('GET /api/me as a guest is 401', async () => {
    const res = await call(t.app, 'GET', '/api/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
  });
});
