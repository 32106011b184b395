/** Error answers people read (issue 21): permission before validation, limits as documented, sentences, no zod defaults. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { call } from '../../helpers/accounts';
import { createMember, type TestMember } from '../../factories/members';

let t: TestApp;
let member: TestMember;

beforeAll(async () => {
  t = await buildTestApp({ rateLimits: false });
  member = await createMember(t.app);
});

afterAll(async () => {
  await t.close();
});

const zodDefaults = /Too big|Too small|Invalid input|Invalid option|Invalid string|expected string|Unrecognized key/;

describe('permission before validation', () => {
  it.each([
    ['POST', '/api/spaces', { slug: 1 }],
    ['POST', '/api/admin/watched-words', { nope: true }],
    ['POST', '/api/admin/reason-templates', {}],
    ['PATCH', '/api/admin/reason-templates/not-an-id', { key: 5 }],
    ['DELETE', '/api/admin/watched-words/not-an-id', undefined],
    ['GET', '/api/moderation/queue?status=everything', undefined],
    ['GET', '/api/moderation/log?cursor=' + 'x'.repeat(500), undefined],
  ] as const)('%s %s: a guest gets 401 and a member 403, not field errors', async (method, url, body) => {
    const asGuest = await call(t.app, method, url, body);
    expect(asGuest.statusCode, asGuest.body).toBe(401);
    const asMember = await call(t.app, method, url, body, { cookie: member.cookie });
    expect(asMember.statusCode, asMember.body).toBe(403);
    expect(asMember.json().error.fields).toBeUndefined();
  });
});

describe('validation messages', () => {
  it('a too long pseudonym is refused with the documented limit (30), not the outer bound', async () => {
    const res = await call(t.app, 'POST', '/api/auth/signup', {
      username: 'a'.repeat(200),
      password: 'een lang en sterk wachtwoord',
      ageConfirmed: true,
      acceptRules: true,
      consentHealthData: true,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.username).toBe('must be at most 30 characters');
    expect(res.json().error.message).toBe('The request body is not valid: username must be at most 30 characters.');
  });

  it.each([
    ['GET', '/api/search?q=hallo&limit=abc'],
    ['GET', '/api/search?q=hallo&limit=100000'],
    ['GET', '/api/search'],
    ['GET', '/api/notifications?limit=0'],
    ['POST', '/api/auth/login'],
  ] as const)('%s %s answers with a sentence and no zod default text', async (method, url) => {
    const res = await call(t.app, method, url, method === 'POST' ? { username: 5, extra: true } : undefined, {
      cookie: member.cookie,
    });
    expect(res.statusCode, res.body).toBe(400);
    const { message, fields } = res.json().error as { message: string; fields?: Record<string, string> };
    expect(message).toMatch(/^The (request body|query string|address) is not valid(: .+)?\.$/);
    expect(res.body).not.toMatch(zodDefaults);
    for (const text of Object.values(fields ?? {})) expect(text).not.toMatch(/^[A-Z]/);
  });

  it('names path parameters "the address", not "the params"', async () => {
    const res = await call(t.app, 'DELETE', `/api/admin/watched-words/${'x'.repeat(200)}`, undefined, {
      cookie: (await createMember(t.app, { role: 'admin' })).cookie,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/^The address is not valid/);
  });
});
