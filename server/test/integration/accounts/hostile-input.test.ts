/**
 * Every text field of the accounts API fed with hostile strings: each answer is a 2xx or a documented
 * 4xx with the error shape, never a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { call, sessionCookie, signUp, STRONG_PASSWORD } from '../../helpers/accounts';

const hostile: [string, unknown][] = [
  ['empty', ''],
  ['only spaces', '     '],
  ['long (10k)', 'a'.repeat(10_000)],
  ['longer than the body limit', 'b'.repeat(70_000)],
  ['NUL', 'abc\u0000def'],
  ['bell and escape', 'a\u0007b\u001b[31mc'],
  ['carriage return and newline', 'a\r\nb'],
  ['DEL', 'abc\u007fdef'],
  ['right-to-left override', '\u202Egnp.exe_anna'],
  ['isolates', '\u2066anna\u2069'],
  ['zero-width space', 'an\u200Bna_zero'],
  ['zero-width joiner', 'an\u200Dna_joiner'],
  ['byte order mark', '\uFEFFanna_bom'],
  ['emoji', '🙂🙂🙂'],
  ['emoji family (ZWJ sequence)', '👨‍👩‍👧 familie'],
  ['flag sequence', '🏳️‍🌈 trots'],
  ['combining marks (zalgo)', 'Z̷̡̛̛̖a̵̧̛l̴̢̛g̸̛o̶̧'],
  ['lone high surrogate', 'abc\uD800def'],
  ['lone low surrogate', 'abc\uDC00def'],
  ['SQL', "'; drop table users; --"],
  ['SQL tautology', "admin' OR '1'='1"],
  ['HTML', '<script>alert(1)</script>'],
  ['HTML attribute', '"><img src=x onerror=alert(1)>'],
  ['path', '../../etc/passwd'],
  ['percent-encoded NUL', '%00%0a'],
  ['format string', '%s%s%s%n'],
  ['number', 12345],
  ['null', null],
  ['array', ['a']],
  ['object', { $ne: '' }],
];

interface Target {
  name: string;
  method: 'POST' | 'PATCH' | 'DELETE';
  url: string;
  signedIn: boolean;
  body: (value: unknown) => Record<string, unknown>;
  allowed: number[];
}

const targets: Target[] = [
  {
    name: 'sign-up username',
    method: 'POST',
    url: '/api/auth/signup',
    signedIn: false,
    body: (username) => ({
      username,
      password: STRONG_PASSWORD,
      ageConfirmed: true,
      acceptRules: true,
      consentHealthData: true,
    }),
    allowed: [201, 400, 409, 413],
  },
  {
    name: 'sign-up password',
    method: 'POST',
    url: '/api/auth/signup',
    signedIn: false,
    body: (password) => ({
      username: `Proef_${Math.floor(Math.random() * 1e9)}`,
      password,
      ageConfirmed: true,
      acceptRules: true,
      consentHealthData: true,
    }),
    allowed: [201, 400, 413],
  },
  {
    name: 'sign-up locale',
    method: 'POST',
    url: '/api/auth/signup',
    signedIn: false,
    body: (locale) => ({
      username: `Taal_${Math.floor(Math.random() * 1e9)}`,
      password: STRONG_PASSWORD,
      ageConfirmed: true,
      acceptRules: true,
      consentHealthData: true,
      locale,
    }),
    allowed: [400, 413],
  },
  {
    name: 'login username',
    method: 'POST',
    url: '/api/auth/login',
    signedIn: false,
    body: (username) => ({ username, password: STRONG_PASSWORD }),
    // 200: "\uFEFFanna_bom" is trimmed to a name the sign-up case above created.
    allowed: [200, 401, 400, 413],
  },
  {
    name: 'login password',
    method: 'POST',
    url: '/api/auth/login',
    signedIn: false,
    body: (password) => ({ username: 'Doelwit', password }),
    allowed: [401, 400, 413],
  },
  {
    name: 'recovery username',
    method: 'POST',
    url: '/api/auth/recover',
    signedIn: false,
    body: (username) => ({ username, recoveryCode: 'aaaaa-bbbbb', newPassword: 'een nieuw en sterk wachtwoord' }),
    allowed: [401, 400, 413],
  },
  {
    name: 'recovery code',
    method: 'POST',
    url: '/api/auth/recover',
    signedIn: false,
    body: (recoveryCode) => ({ username: 'Doelwit', recoveryCode, newPassword: 'een nieuw en sterk wachtwoord' }),
    allowed: [401, 400, 413],
  },
  {
    name: 'recovery new password',
    method: 'POST',
    url: '/api/auth/recover',
    signedIn: false,
    body: (newPassword) => ({ username: 'Doelwit', recoveryCode: 'aaaaa-bbbbb', newPassword }),
    allowed: [401, 400, 413],
  },
  {
    name: 'new pseudonym',
    method: 'PATCH',
    url: '/api/me',
    signedIn: true,
    body: (username) => ({ username }),
    allowed: [200, 400, 409, 413],
  },
  {
    name: 'language',
    method: 'PATCH',
    url: '/api/me',
    signedIn: true,
    body: (locale) => ({ locale }),
    allowed: [400, 413],
  },
  {
    name: 'current password',
    method: 'PATCH',
    url: '/api/me/password',
    signedIn: true,
    body: (currentPassword) => ({ currentPassword, newPassword: 'een nieuw en sterk wachtwoord' }),
    allowed: [403, 400, 413],
  },
  {
    name: 'recovery-code password',
    method: 'POST',
    url: '/api/me/recovery-codes',
    signedIn: true,
    body: (password) => ({ password }),
    allowed: [403, 400, 413],
  },
  {
    name: 'deletion password',
    method: 'DELETE',
    url: '/api/me',
    signedIn: true,
    body: (password) => ({ password, mode: 'erase' }),
    allowed: [403, 400, 413],
  },
  {
    name: 'deletion mode',
    method: 'DELETE',
    url: '/api/me',
    signedIn: true,
    body: (mode) => ({ password: STRONG_PASSWORD, mode }),
    allowed: [400, 413],
  },
  // Last: a hostile but strong string may become the password, which the targets above must not see.
  {
    name: 'new password',
    method: 'PATCH',
    url: '/api/me/password',
    signedIn: true,
    body: (newPassword) => ({ currentPassword: STRONG_PASSWORD, newPassword }),
    allowed: [204, 400, 413],
  },
];

let t: TestApp;
let cookie: string;
let password = STRONG_PASSWORD;

beforeAll(async () => {
  // Throttles off, so every input reaches the code that handles it.
  t = await buildTestApp({ rateLimits: false }, { captureLogs: true });
  await signUp(t.app, 'Doelwit');
  cookie = (await signUp(t.app, 'Proefkonijn')).cookie;
});
afterAll(async () => {
  await t.close();
});

describe('hostile input never causes a 500', () => {
  for (const target of targets) {
    it(target.name, async () => {
      for (const [label, value] of hostile) {
        const body = target.body(value);
        if ('currentPassword' in body && body.currentPassword === STRONG_PASSWORD) body.currentPassword = password;
        const res = await call(t.app, target.method, target.url, body, target.signedIn ? { cookie } : {});
        expect(target.allowed, `${target.name} ← ${label}: ${res.statusCode} ${res.body.slice(0, 200)}`).toContain(
          res.statusCode,
        );
        if (res.statusCode >= 400) {
          expect(res.json().error.code, label).toMatch(/^[a-z_]+$/);
        }
        // A password change rotates the session: keep using the new cookie and password.
        const rotated = sessionCookie(res);
        if (rotated && target.signedIn) {
          cookie = rotated;
          if (typeof body.newPassword === 'string') password = body.newPassword;
        }
      }
    });
  }

  it('session ids in the path', async () => {
    for (const [label, value] of hostile) {
      if (typeof value !== 'string' || value.length > 5000 || /[\uD800-\uDFFF]/.test(value)) continue;
      const res = await call(t.app, 'DELETE', `/api/me/sessions/${encodeURIComponent(value)}`, undefined, { cookie });
      // An empty id is `DELETE /api/me/sessions/`, i.e. "sign out everywhere else".
      expect(value === '' ? [204] : [400, 404], `${label}: ${res.statusCode}`).toContain(res.statusCode);
    }
  });

  it('logged no server error', () => {
    const errors = t.logs.filter((line) => /"level":(50|60)/.test(line));
    expect(errors).toEqual([]);
  });
});
