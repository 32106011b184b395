import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { throttlePolicies } from '../../../src/modules/accounts/accounts.throttle';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { call, sessionCookie, signUp, STRONG_PASSWORD } from '../../helpers/accounts';

let t: TestApp;
const NEW_PASSWORD = 'een nieuw begin in het voorjaar';

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

const recover = (username: string, recoveryCode: string, newPassword = NEW_PASSWORD, ip = '192.0.2.20') =>
  call(t.app, 'POST', '/api/auth/recover', { username, recoveryCode, newPassword }, { ip });
const login = (username: string, password: string) =>
  call(t.app, 'POST', '/api/auth/login', { username, password }, { ip: '192.0.2.21' });
const me = (cookie: string) => call(t.app, 'GET', '/api/me', undefined, { cookie });

describe('POST /api/auth/recover', () => {
  it('sets the new password, ends every session and signs this browser in', async () => {
    const member = await signUp(t.app, 'Vergeetachtige_Vos');
    const elsewhere = sessionCookie(await login('Vergeetachtige_Vos', STRONG_PASSWORD)) ?? '';
    expect((await me(elsewhere)).statusCode).toBe(200);

    const res = await recover('vergeetachtige_vos', member.recoveryCodes[0] ?? '');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ user: expect.objectContaining({ id: member.id }), remainingRecoveryCodes: 9 });
    const cookie = sessionCookie(res) ?? '';
    expect((await me(cookie)).statusCode).toBe(200);
    // All earlier sessions are gone.
    expect((await me(member.cookie)).statusCode).toBe(401);
    expect((await me(elsewhere)).statusCode).toBe(401);
    // The old password no longer works, the new one does.
    expect((await login('Vergeetachtige_Vos', STRONG_PASSWORD)).statusCode).toBe(401);
    expect((await login('Vergeetachtige_Vos', NEW_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses a code that was used before', async () => {
    const member = await signUp(t.app, 'Zachte_Zwaan');
    const code = member.recoveryCodes[3] ?? '';
    expect((await recover('Zachte_Zwaan', code)).statusCode).toBe(200);
    const again = await recover('Zachte_Zwaan', code, 'nog weer een ander wachtwoord');
    expect(again.statusCode).toBe(401);
    expect(again.json().error.code).toBe('invalid_credentials');
    expect(sessionCookie(again)).toBeNull();
  });

  it('accepts the code in capitals, with spaces or without the hyphen', async () => {
    const member = await signUp(t.app, 'Sterke_Berk');
    const [a = '', b = '', c = ''] = member.recoveryCodes;
    expect((await recover('Sterke_Berk', a.toUpperCase())).statusCode).toBe(200);
    expect((await recover('Sterke_Berk', ` ${b.replace('-', ' ')} `, 'tweede nieuwe wachtwoord hier')).statusCode).toBe(
      200,
    );
    expect((await recover('Sterke_Berk', c.replace('-', ''), 'derde nieuwe wachtwoord hier')).statusCode).toBe(200);
  });

  it('answers an unknown pseudonym, a wrong code and another member’s code identically', async () => {
    const member = await signUp(t.app, 'Paarse_Heide');
    const other = await signUp(t.app, 'Oranje_Libel');
    const wrong = await recover('Paarse_Heide', 'aaaaa-bbbbb');
    const unknown = await recover('Niet_Bestaand', 'aaaaa-bbbbb');
    const foreign = await recover('Paarse_Heide', other.recoveryCodes[0] ?? '');
    for (const res of [wrong, unknown, foreign]) {
      expect(res.statusCode).toBe(401);
      expect(res.body).toBe(unknown.body);
    }
    // Nothing changed for the member.
    expect((await me(member.cookie)).statusCode).toBe(200);
  });

  it('refuses a weak new password (without revealing whether the account exists)', async () => {
    const member = await signUp(t.app, 'Gele_Hommel');
    const known = await recover('Gele_Hommel', member.recoveryCodes[0] ?? '', 'wachtwoord123');
    const unknown = await recover('Niemand_Anders', 'aaaaa-bbbbb', 'wachtwoord123');
    expect(known.statusCode).toBe(400);
    expect(known.json().error).toMatchObject({ code: 'weak_password', fields: { newPassword: 'too_common' } });
    expect(unknown.body).toBe(known.body);
    // The code was not used up.
    expect((await recover('Gele_Hommel', member.recoveryCodes[0] ?? '')).statusCode).toBe(200);
  });

  it('throttles guessing codes for one account per source, never the owner elsewhere', async () => {
    const member = await signUp(t.app, 'Rode_Klaproos');
    const attacker = '192.0.2.30';
    const { threshold } = throttlePolicies.recover_pair;
    for (let i = 0; i < threshold; i++) {
      expect((await recover('Rode_Klaproos', `aaaaa-aaaa${i}`, NEW_PASSWORD, attacker)).statusCode).toBe(401);
    }
    const blocked = await recover('Rode_Klaproos', member.recoveryCodes[0] ?? '', NEW_PASSWORD, attacker);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // The owner, on another address, recovers with the same code.
    const owner = await recover('Rode_Klaproos', member.recoveryCodes[0] ?? '', NEW_PASSWORD, '198.51.100.40');
    expect(owner.statusCode).toBe(200);
    expect(owner.json().user.id).toBe(member.id);
  });

  it('keeps a per-account ceiling against codes guessed from many addresses, which a valid code passes', async () => {
    const member = await signUp(t.app, 'Belegerde_Berk');
    const { threshold } = throttlePolicies.recover_account;
    for (let i = 0; i < threshold; i++) {
      const ip = `10.${Math.floor(i / 250)}.${i % 250}.2`;
      expect((await recover('Belegerde_Berk', 'aaaaa-bbbbb', NEW_PASSWORD, ip)).statusCode).toBe(401);
    }
    // A wrong code from a fresh address now gets 429 …
    const wrong = await recover('Belegerde_Berk', 'bbbbb-ccccc', NEW_PASSWORD, '198.51.100.41');
    expect(wrong.statusCode).toBe(429);
    expect(Number(wrong.headers['retry-after'])).toBeGreaterThan(0);
    // … and a valid one still gets the owner in.
    const owner = await recover('Belegerde_Berk', member.recoveryCodes[1] ?? '', NEW_PASSWORD, '198.51.100.42');
    expect(owner.statusCode).toBe(200);
    expect(owner.json().user.id).toBe(member.id);
  });

  it('throttles one address guessing across accounts', async () => {
    const { threshold } = throttlePolicies.recover_ip;
    for (let i = 0; i < threshold; i++) {
      await recover(`Iemand_${i}`, 'aaaaa-bbbbb', NEW_PASSWORD, '203.0.113.90');
    }
    const blocked = await recover('Iemand_laatst', 'aaaaa-bbbbb', NEW_PASSWORD, '203.0.113.90');
    expect(blocked.statusCode).toBe(429);
  });

  it('refuses a recovery from another origin', async () => {
    const res = await call(
      t.app,
      'POST',
      '/api/auth/recover',
      { username: 'x_y', recoveryCode: 'aaaaa-bbbbb', newPassword: NEW_PASSWORD },
      { headers: { origin: 'https://evil.example' } },
    );
    expect(res.statusCode).toBe(403);
  });
});

describe('/api/me/recovery-codes', () => {
  it('says how many codes are left, never the codes', async () => {
    const member = await signUp(t.app, 'Lichte_Linde');
    const res = await call(t.app, 'GET', '/api/me/recovery-codes', undefined, { cookie: member.cookie });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ remaining: 10, createdAt: expect.any(String) });
  });

  it('regenerates with the password; the old codes stop working', async () => {
    const member = await signUp(t.app, 'Bonte_Beek');
    const res = await call(
      t.app,
      'POST',
      '/api/me/recovery-codes',
      { password: STRONG_PASSWORD },
      { cookie: member.cookie },
    );
    expect(res.statusCode).toBe(200);
    const fresh: string[] = res.json().recoveryCodes;
    expect(fresh).toHaveLength(10);
    expect(fresh.some((code) => member.recoveryCodes.includes(code))).toBe(false);
    expect((await recover('Bonte_Beek', member.recoveryCodes[0] ?? '')).statusCode).toBe(401);
    expect((await recover('Bonte_Beek', fresh[0] ?? '')).statusCode).toBe(200);
  });

  it('refuses to regenerate with a wrong password (403 wrong_password)', async () => {
    const member = await signUp(t.app, 'Kalme_Klaproos');
    const res = await call(
      t.app,
      'POST',
      '/api/me/recovery-codes',
      { password: 'dit is niet mijn wachtwoord' },
      { cookie: member.cookie },
    );
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('wrong_password');
    expect((await recover('Kalme_Klaproos', member.recoveryCodes[0] ?? '')).statusCode).toBe(200);
  });

  it('needs a signed-in member', async () => {
    expect((await call(t.app, 'GET', '/api/me/recovery-codes')).statusCode).toBe(401);
    expect((await call(t.app, 'POST', '/api/me/recovery-codes', { password: STRONG_PASSWORD })).statusCode).toBe(401);
  });

  it('backs off after repeated wrong passwords', async () => {
    const member = await signUp(t.app, 'Vrolijke_Vlinder');
    const { threshold } = throttlePolicies.reauth_account;
    for (let i = 0; i < threshold; i++) {
      const res = await call(
        t.app,
        'POST',
        '/api/me/recovery-codes',
        { password: `fout ${i}` },
        { cookie: member.cookie },
      );
      expect(res.statusCode).toBe(403);
    }
    const blocked = await call(
      t.app,
      'POST',
      '/api/me/recovery-codes',
      { password: STRONG_PASSWORD },
      { cookie: member.cookie },
    );
    expect(blocked.statusCode).toBe(429);
  });
});
