import { eq } from 'drizzle-orm';
import { CONSENT_VERSION, meSchema } from '@kring/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recoveryCodes, users } from '../../../src/db/schema';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { call, sessionCookie, signupBody, signUp, STRONG_PASSWORD } from '../../helpers/accounts';

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('POST /api/auth/signup', () => {
  it('creates the account, signs in and shows ten recovery codes once', async () => {
    const res = await call(t.app, 'POST', '/api/auth/signup', signupBody('Blauwe_Reiger'));
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['recoveryCodes', 'user']);
    expect(meSchema.strict().parse(body.user)).toEqual(body.user);
    expect(body.user).toMatchObject({ username: 'Blauwe_Reiger', role: 'member', moderatorOf: [], locale: 'nl' });
    expect(body.recoveryCodes).toHaveLength(10);
    for (const code of body.recoveryCodes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    expect(new Set(body.recoveryCodes).size).toBe(10);
    expect(res.headers['cache-control']).toBe('no-store');

    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^kring_session=[a-z2-7]{32};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/');

    const me = await call(t.app, 'GET', '/api/me', undefined, { cookie: sessionCookie(res) ?? '' });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ user: body.user });
  });

  it('stores the consent version and times, an argon2id hash and only hashes of the codes', async () => {
    const created = await signUp(t.app, 'Stille_Merel');
    const db = t.app.kring.database.db;
    const [row] = await db.select().from(users).where(eq(users.id, created.id));
    expect(row?.consentVersion).toBe(CONSENT_VERSION);
    expect(row?.ageConfirmedAt).toBeInstanceOf(Date);
    expect(row?.rulesAcceptedAt).toBeInstanceOf(Date);
    expect(row?.healthDataConsentAt).toBeInstanceOf(Date);
    expect(row?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const codes = await db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, created.id));
    expect(codes).toHaveLength(10);
    const stored = codes.map((c) => c.codeHash);
    for (const code of created.recoveryCodes) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(code.replace('-', ''));
    }
    for (const hash of stored) expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ends the session the browser had before (rotation)', async () => {
    const first = await signUp(t.app, 'Eerste_Account');
    const res = await call(t.app, 'POST', '/api/auth/signup', signupBody('Tweede_Account'), { cookie: first.cookie });
    expect(res.statusCode).toBe(201);
    expect((await call(t.app, 'GET', '/api/me', undefined, { cookie: first.cookie })).statusCode).toBe(401);
    const me = await call(t.app, 'GET', '/api/me', undefined, { cookie: sessionCookie(res) ?? '' });
    expect(me.json().user.username).toBe('Tweede_Account');
  });

  it('keeps the chosen language', async () => {
    const res = await call(t.app, 'POST', '/api/auth/signup', { ...signupBody('Warme_Wilg'), locale: 'en' });
    expect(res.statusCode).toBe(201);
    expect(res.json().user.locale).toBe('en');
  });

  describe('a taken pseudonym is 409 username_taken', () => {
    beforeAll(async () => {
      await signUp(t.app, 'Zonnige_Zwaluw');
      await signUp(t.app, 'Amélie');
    });

    it.each([
      ['exactly the same', 'Zonnige_Zwaluw'],
      ['differing only in case', 'zONNIGE_zwaluw'],
      ['with surrounding spaces', '  Zonnige_Zwaluw '],
      ['in another Unicode form (NFD)', 'Ame\u0301lie'],
      ['in fullwidth letters', 'Ａｍéｌｉｅ'],
    ])('%s', async (_case, username) => {
      const res = await call(t.app, 'POST', '/api/auth/signup', signupBody(username));
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('username_taken');
      expect(res.json().error.fields).toEqual({ username: 'taken' });
      expect(sessionCookie(res)).toBeNull();
    });
  });

  describe('a weak password is 400 weak_password', () => {
    it.each([
      ['too short', 'kort1!', 'too_short'],
      ['a common password', 'wachtwoord123', 'too_common'],
      ['a keyboard walk', 'qwertyuiop', 'too_common'],
      ['the pseudonym itself', 'Vrolijke_Vos123', 'too_common'],
      ['one repeated character', 'aaaaaaaaaaaaaaaa', 'too_common'],
      ['too long', 'woorden '.repeat(40), 'too_long'],
    ])('%s', async (_case, password, problem) => {
      const res = await call(t.app, 'POST', '/api/auth/signup', signupBody('Vrolijke_Vos', password));
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'weak_password', fields: { password: problem } });
    });
  });

  describe('an unusable pseudonym is 400 validation_failed', () => {
    it.each([
      ['too short', 'ab'],
      ['too long', 'a'.repeat(31)],
      ['with a space', 'Blauwe Reiger'],
      ['digits only', '123456'],
      ['punctuation only', '_-._-.'],
      ['reserved', 'admin'],
      ['reserved, in another case', 'Moderator'],
      ['reserved, with separators', 'Kring-Team'],
      ['posing as staff', 'anna_moderator'],
      ['posing as an anonymous author', 'Anoniem_A'],
      ['reserved, in lookalike digits', 'adm1n'],
      ['reserved, in fullwidth letters', 'ａｄｍｉｎ'],
      ['mixing alphabets (Cyrillic а)', 'аdmin_anna'],
      ['with a right-to-left override', 'anna\u202Egnp'],
      ['with a zero-width space', 'an\u200Bna'],
      ['with an emoji', 'anna🙂'],
      ['with a tag-like character', '<script>'],
      ['with a newline', 'anna\nbob'],
    ])('%s', async (_case, username) => {
      const res = await call(t.app, 'POST', '/api/auth/signup', signupBody(username));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      expect(res.json().error.fields).toHaveProperty('username');
    });

    it('accepts letters with accents and other alphabets', async () => {
      for (const username of ['Zoë.van-Dijk', 'Ιωάννα', 'Фёдор_7']) {
        const res = await call(t.app, 'POST', '/api/auth/signup', signupBody(username));
        expect(res.statusCode, username).toBe(201);
      }
    });
  });

  describe('the confirmations are required', () => {
    it.each(['ageConfirmed', 'acceptRules', 'consentHealthData'])('%s: false', async (field) => {
      const res = await call(t.app, 'POST', '/api/auth/signup', { ...signupBody('Dappere_Das'), [field]: false });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      expect(res.json().error.fields).toHaveProperty(field);
    });

    it('consentHealthData missing', async () => {
      const { consentHealthData: _omitted, ...body } = signupBody('Dappere_Das');
      const res = await call(t.app, 'POST', '/api/auth/signup', body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toHaveProperty('consentHealthData');
    });
  });

  it('refuses unknown fields (no e-mail, no real name)', async () => {
    const res = await call(t.app, 'POST', '/api/auth/signup', { ...signupBody('Lieve_Linde'), email: 'a@b.nl' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });

  it('refuses a sign-up from another origin', async () => {
    const res = await call(t.app, 'POST', '/api/auth/signup', signupBody('Frisse_Beek'), {
      headers: { origin: 'https://evil.example' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('cross_origin');
  });

  it('throttles sign-ups per address with 429 and Retry-After', async () => {
    const ip = '203.0.113.50';
    let last = await call(t.app, 'POST', '/api/auth/signup', signupBody('Bonte_Specht_0'), { ip });
    for (let i = 1; i < 25 && last.statusCode !== 429; i++) {
      // Failed attempts (here: a taken name) count too.
      last = await call(t.app, 'POST', '/api/auth/signup', signupBody('Bonte_Specht_0'), { ip });
    }
    expect(last.statusCode).toBe(429);
    expect(last.json().error.code).toBe('rate_limited');
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not affected.
    const other = await call(t.app, 'POST', '/api/auth/signup', signupBody('Bonte_Specht_1'), { ip: '203.0.113.51' });
    expect(other.statusCode).toBe(201);
  });

  it('offers free, friendly pseudonyms that pass the rules', async () => {
    const res = await call(t.app, 'GET', '/api/auth/username-suggestions');
    expect(res.statusCode).toBe(200);
    const { usernames } = res.json();
    expect(usernames.length).toBeGreaterThanOrEqual(3);
    for (const name of usernames) {
      expect(name).toMatch(/^\p{Lu}\p{Ll}+_\p{Lu}\p{Ll}+(\d\d)?$/u);
      const signed = await call(t.app, 'POST', '/api/auth/signup', signupBody(name, STRONG_PASSWORD), {
        ip: `198.51.100.${usernames.indexOf(name) + 200}`,
      });
      expect(signed.statusCode, name).toBe(201);
    }
  });
});

describe('OpenAPI', () => {
  it('documents the accounts routes, including the explicit health-data consent', async () => {
    const res = await call(t.app, 'GET', '/api/docs/json');
    expect(res.statusCode).toBe(200);
    const spec = res.json();
    for (const [path, method] of [
      ['/api/auth/signup', 'post'],
      ['/api/auth/login', 'post'],
      ['/api/auth/logout', 'post'],
      ['/api/auth/recover', 'post'],
      ['/api/me', 'get'],
      ['/api/me', 'patch'],
      ['/api/me', 'delete'],
      ['/api/me/password', 'patch'],
      ['/api/me/sessions', 'get'],
      ['/api/me/sessions/{id}', 'delete'],
      ['/api/me/recovery-codes', 'post'],
      ['/api/me/export', 'get'],
    ] as const) {
      expect(spec.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
    const signupBody = JSON.stringify(spec.paths['/api/auth/signup'].post.requestBody);
    const components = JSON.stringify(spec.components?.schemas ?? {});
    expect(signupBody + components).toContain('consentHealthData');
    expect(JSON.stringify(spec.paths['/api/auth/login'].post.responses)).toContain('429');
  });
});

describe('secure cookie over HTTPS', () => {
  let https: TestApp;
  beforeAll(async () => {
    https = await buildTestApp({ trustProxy: true });
  });
  afterAll(async () => {
    await https.close();
  });

  it('uses the __Host- prefix and Secure behind a TLS proxy', async () => {
    const res = await call(https.app, 'POST', '/api/auth/signup', signupBody('Heldere_Ster'), {
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(res.statusCode).toBe(201);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^__Host-kring_session=/);
    expect(setCookie).toContain('Secure');
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).not.toContain('Domain=');
  });
});

describe('with KRING_RATE_LIMITS=off', () => {
  let open: TestApp;
  beforeAll(async () => {
    open = await buildTestApp({ rateLimits: false });
  });
  afterAll(async () => {
    await open.close();
  });

  it('does not throttle sign-ups', async () => {
    for (let i = 0; i < 25; i++) {
      const res = await call(open.app, 'POST', '/api/auth/signup', signupBody('Kalme_Otter'), { ip: '203.0.113.9' });
      expect(res.statusCode).toBe(i === 0 ? 201 : 409);
    }
  });
});
