/**
 * Admins create, change and archive spaces and appoint moderators; every change is audited, bad input is a
 * documented 4xx (never a 500).
 */
import { defaultHelplines } from '@kring/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../../src/db/schema';
import { createMember, type TestMember } from '../../factories/members';
import { addMembership, createSpace } from '../../factories/spaces';
import { buildTestApp, type TestApp } from '../../helpers/build-app';

let t: TestApp;
let admin: TestMember;
let member: TestMember;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await createMember(t.app, { role: 'admin' });
  member = await createMember(t.app);
});

afterAll(async () => {
  await t.close();
});

const asAdmin = () => ({ cookie: admin.cookie });

function create(payload: unknown, headers: Record<string, string> = asAdmin()) {
  return t.app.inject({ method: 'POST', url: '/api/spaces', headers, payload: payload as object });
}

function patch(slug: string, payload: unknown, headers: Record<string, string> = asAdmin()) {
  return t.app.inject({ method: 'PATCH', url: `/api/spaces/${slug}`, headers, payload: payload as object });
}

async function auditFor(spaceId: string, action?: string) {
  return t.app.kring.database.db
    .select()
    .from(auditEntries)
    .where(
      action
        ? and(eq(auditEntries.spaceId, spaceId), eq(auditEntries.action, action))
        : eq(auditEntries.spaceId, spaceId),
    );
}

describe('POST /api/spaces', () => {
  it('creates a space with every setting and audits it', async () => {
    const res = await create({
      slug: 'ms-en-werk',
      name: 'MS en werk',
      description: 'Werken met multiple sclerose.',
      rules: 'Wees vriendelijk.\nGeen medisch advies.',
      helplines: [
        { name: 'MS Infolijn', phone: '088-3747500', url: 'https://example.org/ms', description: 'Werkdagen' },
      ],
      visibility: 'registered',
      postingPolicy: 'premoderated',
      allowAnonymous: false,
      moderationHours: 'ma–vr 9–17 uur',
      unansweredAfterHours: 24,
    });
    expect(res.statusCode).toBe(201);
    const { space } = res.json();
    expect(space).toMatchObject({
      slug: 'ms-en-werk',
      name: 'MS en werk',
      description: 'Werken met multiple sclerose.',
      rules: 'Wees vriendelijk.\nGeen medisch advies.',
      helplines: [
        { name: 'MS Infolijn', phone: '088-3747500', url: 'https://example.org/ms', description: 'Werkdagen' },
      ],
      visibility: 'registered',
      postingPolicy: 'premoderated',
      allowAnonymous: false,
      moderationHours: 'ma–vr 9–17 uur',
      unansweredAfterHours: 24,
      archived: false,
      threadCount: 0,
      postCount: 0,
      lastActivityAt: null,
      moderators: [],
      can: { read: true, post: true, moderate: true, manage: true, join: false },
    });
    const [entry, ...more] = await auditFor(space.id);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      action: 'space_created',
      actorId: admin.id,
      targetType: 'space',
      targetId: space.id,
    });
    expect((entry?.details as { after: { name: string } }).after.name).toBe('MS en werk');
  });

  it('fills safe defaults, including the crisis helplines', async () => {
    const res = await create({ slug: 'met-standaarden', name: 'Met standaarden', visibility: 'public' });
    expect(res.statusCode).toBe(201);
    expect(res.json().space).toMatchObject({
      description: '',
      rules: '',
      helplines: defaultHelplines,
      postingPolicy: 'open',
      allowAnonymous: true,
      moderationHours: null,
      unansweredAfterHours: 12,
    });
  });

  it('normalises text: trims, NFC, and empty moderation hours mean none', async () => {
    const decomposed = 'Cafe\u0301 lotgenoten'; // "é" as e + combining accent
    const res = await create({
      slug: 'cafe',
      name: `  ${decomposed}  `,
      visibility: 'public',
      moderationHours: '   ',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().space.name).toBe('Café lotgenoten');
    expect(res.json().space.moderationHours).toBeNull();
  });

  it('counts length after NFC normalisation', async () => {
    // 80 "é" written decomposed are 160 code points before NFC, 80 after: allowed.
    const res = await create({ slug: 'lang', name: 'e\u0301'.repeat(80), visibility: 'public' });
    expect(res.statusCode).toBe(201);
    const tooLong = await create({ slug: 'te-lang', name: 'é'.repeat(81), visibility: 'public' });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.fields).toHaveProperty('name');
  });

  it('409 slug_taken for an address in use', async () => {
    await create({ slug: 'dubbel', name: 'Eerste', visibility: 'public' });
    const res = await create({ slug: 'dubbel', name: 'Tweede', visibility: 'public' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'slug_taken', fields: { slug: 'already in use' } });
  });

  it.each([
    ['a reserved slug', { slug: 'nieuw', name: 'Nieuw', visibility: 'public' }, 'slug'],
    ['an uppercase slug', { slug: 'Hoofdletters', name: 'Naam', visibility: 'public' }, 'slug'],
    ['a slug with double hyphens', { slug: 'a--b', name: 'Naam', visibility: 'public' }, 'slug'],
    ['a one-letter slug', { slug: 'a', name: 'Naam', visibility: 'public' }, 'slug'],
    ['no visibility', { slug: 'zonder', name: 'Naam' }, 'visibility'],
    ['an unknown visibility', { slug: 'raar', name: 'Naam', visibility: 'secret' }, 'visibility'],
    [
      'an unknown posting policy',
      { slug: 'raar', name: 'Naam', visibility: 'public', postingPolicy: 'x' },
      'postingPolicy',
    ],
    ['an unknown field', { slug: 'extra', name: 'Naam', visibility: 'public', owner: 'x' }, 'body'],
    ['a one-letter name', { slug: 'kort', name: 'A', visibility: 'public' }, 'name'],
    ['a name with a newline', { slug: 'regel', name: 'Twee\nregels', visibility: 'public' }, 'name'],
    ['a NUL character', { slug: 'nul', name: 'Naam\u0000', visibility: 'public' }, 'name'],
    [
      'a control character in the rules',
      { slug: 'bel', name: 'Naam', visibility: 'public', rules: 'a\u0007' },
      'rules',
    ],
    ['oversize rules', { slug: 'regels', name: 'Naam', visibility: 'public', rules: 'x'.repeat(5001) }, 'rules'],
    [
      'oversize description',
      { slug: 'omschr', name: 'Naam', visibility: 'public', description: 'x'.repeat(501) },
      'description',
    ],
    [
      'oversize moderation hours',
      { slug: 'uren', name: 'Naam', visibility: 'public', moderationHours: 'x'.repeat(201) },
      'moderationHours',
    ],
    [
      'zero hours before an unanswered thread alerts',
      { slug: 'uren', name: 'Naam', visibility: 'public', unansweredAfterHours: 0 },
      'unansweredAfterHours',
    ],
    [
      'more than a week before an unanswered thread alerts',
      { slug: 'uren', name: 'Naam', visibility: 'public', unansweredAfterHours: 169 },
      'unansweredAfterHours',
    ],
    [
      'fractional unanswered hours',
      { slug: 'uren', name: 'Naam', visibility: 'public', unansweredAfterHours: 1.5 },
      'unansweredAfterHours',
    ],
    [
      'unanswered hours as a string',
      { slug: 'uren', name: 'Naam', visibility: 'public', unansweredAfterHours: '12' },
      'unansweredAfterHours',
    ],
    [
      'allowAnonymous as a string',
      { slug: 'anon', name: 'Naam', visibility: 'public', allowAnonymous: 'ja' },
      'allowAnonymous',
    ],
    [
      'eleven helplines',
      { slug: 'hulp', name: 'Naam', visibility: 'public', helplines: Array(11).fill({ name: 'Lijn', phone: '112' }) },
      'helplines',
    ],
    [
      'a helpline without phone or web address',
      { slug: 'hulp', name: 'Naam', visibility: 'public', helplines: [{ name: 'Lijn' }] },
      'helplines.0.phone',
    ],
    [
      'a helpline with a javascript: address',
      { slug: 'hulp', name: 'Naam', visibility: 'public', helplines: [{ name: 'Lijn', url: 'javascript:alert(1)' }] },
      'helplines.0.url',
    ],
    [
      'a helpline with an unknown field',
      { slug: 'hulp', name: 'Naam', visibility: 'public', helplines: [{ name: 'Lijn', phone: '1', email: 'x' }] },
      'helplines.0',
    ],
  ])('400 for %s', async (_name, payload, field) => {
    const res = await create(payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(Object.keys(res.json().error.fields ?? {})).toContain(field);
  });

  it('400 for malformed JSON', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/spaces',
      headers: { ...asAdmin(), 'content-type': 'application/json' },
      payload: '{"slug": "x",',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_json');
  });

  it('413 for a body over 64 KiB', async () => {
    const res = await create({ slug: 'groot', name: 'Groot', visibility: 'public', rules: 'x'.repeat(70_000) });
    expect(res.statusCode).toBe(413);
  });

  it('401 when signed out, 403 for members', async () => {
    const payload = { slug: 'niet-mogen', name: 'Niet mogen', visibility: 'public' };
    expect((await create(payload, {})).statusCode).toBe(401);
    const forbidden = await create(payload, { cookie: member.cookie });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe('forbidden');
  });

  it('403 cross_origin for a request from another site', async () => {
    const res = await create(
      { slug: 'csrf', name: 'CSRF', visibility: 'public' },
      { ...asAdmin(), origin: 'https://evil.example' },
    );
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('cross_origin');
  });
});

describe('PATCH /api/spaces/:slug', () => {
  it('changes settings and audits only what changed', async () => {
    const space = await createSpace(t.app, { slug: 'bewerken', name: 'Bewerken', visibility: 'public' });
    const res = await patch('bewerken', {
      name: 'Bewerkt',
      rules: 'Nieuwe regels',
      helplines: [{ name: 'Lijn', phone: '0800-1234' }],
      visibility: 'public',
      moderationHours: '',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().space).toMatchObject({
      name: 'Bewerkt',
      rules: 'Nieuwe regels',
      helplines: [{ name: 'Lijn', phone: '0800-1234' }],
    });
    const entries = await auditFor(space.id, 'space_updated');
    expect(entries).toHaveLength(1);
    expect(entries[0]?.details).toEqual({
      before: { name: 'Bewerken', rules: '', helplines: [] },
      after: { name: 'Bewerkt', rules: 'Nieuwe regels', helplines: [{ name: 'Lijn', phone: '0800-1234' }] },
    });
  });

  it("changes the hours before an unanswered thread alerts the space's moderators, audited", async () => {
    const space = await createSpace(t.app, { slug: 'wachttijd', name: 'Wachttijd', visibility: 'public' });
    const res = await patch('wachttijd', { unansweredAfterHours: 4 });
    expect(res.statusCode).toBe(200);
    expect(res.json().space.unansweredAfterHours).toBe(4);
    const entries = await auditFor(space.id, 'space_updated');
    expect(entries.map((entry) => entry.details)).toEqual([
      { before: { unansweredAfterHours: 12 }, after: { unansweredAfterHours: 4 } },
    ]);
    const tooMany = await patch('wachttijd', { unansweredAfterHours: 1000 });
    expect(tooMany.statusCode).toBe(400);
    expect(Object.keys(tooMany.json().error.fields ?? {})).toContain('unansweredAfterHours');
  });

  it('a request that changes nothing logs nothing', async () => {
    const space = await createSpace(t.app, { slug: 'gelijk', name: 'Gelijk' });
    const res = await patch('gelijk', { name: 'Gelijk' });
    expect(res.statusCode).toBe(200);
    expect(await auditFor(space.id)).toEqual([]);
    expect((await patch('gelijk', {})).statusCode).toBe(200);
  });

  it('archives and unarchives: gone from the directory, still readable, nobody posts', async () => {
    const space = await createSpace(t.app, { slug: 'archief', name: 'Archief', visibility: 'public' });
    const archived = await patch('archief', { archived: true });
    expect(archived.statusCode).toBe(200);
    expect(archived.json().space).toMatchObject({ archived: true, can: { read: true, post: false } });

    const listed = await t.app.inject({ method: 'GET', url: '/api/spaces?limit=100' });
    expect(listed.json().items.map((s: { slug: string }) => s.slug)).not.toContain('archief');
    const page = await t.app.inject({ method: 'GET', url: '/api/spaces/archief' });
    expect(page.statusCode).toBe(200);
    expect(page.json().space.archived).toBe(true);

    const restored = await patch('archief', { archived: false });
    expect(restored.json().space.archived).toBe(false);
    const actions = (await auditFor(space.id)).map((e) => e.action).sort();
    expect(actions).toEqual(['space_archived', 'space_unarchived']);
  });

  it('renames the address; the old one is gone; a taken one is a 409', async () => {
    await createSpace(t.app, { slug: 'oude-naam' });
    await createSpace(t.app, { slug: 'bezet' });
    const res = await patch('oude-naam', { slug: 'nieuwe-naam' });
    expect(res.statusCode).toBe(200);
    expect(res.json().space.slug).toBe('nieuwe-naam');
    expect((await t.app.inject({ method: 'GET', url: '/api/spaces/oude-naam' })).statusCode).toBe(404);

    const taken = await patch('nieuwe-naam', { slug: 'bezet' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('slug_taken');
  });

  it('making a closed space public opens it to guests', async () => {
    await createSpace(t.app, { slug: 'wordt-open', visibility: 'closed' });
    expect((await t.app.inject({ method: 'GET', url: '/api/spaces/wordt-open' })).statusCode).toBe(404);
    await patch('wordt-open', { visibility: 'public' });
    expect((await t.app.inject({ method: 'GET', url: '/api/spaces/wordt-open' })).statusCode).toBe(200);
  });

  describe('bad input', () => {
    beforeAll(async () => {
      await createSpace(t.app, { slug: 'ongeldig' });
    });

    it.each([
      ['an unknown field', { owner: 'x' }],
      ['archived as a string', { archived: 'ja' }],
      ['an empty name', { name: '' }],
      ['a reserved slug', { slug: 'nieuw' }],
      ['threadCount (not a setting)', { threadCount: 5 }],
      ['null where a value is needed', { name: null }],
    ])('400 for %s', async (_name, payload) => {
      const res = await patch('ongeldig', payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    });
  });
});

describe('moderators', () => {
  it('appoints by pseudonym (case-insensitively), lists them, and removes them; idempotent, audited once', async () => {
    const space = await createSpace(t.app, { slug: 'met-moderatoren', visibility: 'closed' });
    const volunteer = await createMember(t.app, { username: 'Zachte_Wind' });
    const url = `/api/spaces/met-moderatoren/moderators/zachte_wind`;

    const before = await t.app.inject({
      method: 'GET',
      url: '/api/spaces/met-moderatoren',
      headers: { cookie: volunteer.cookie },
    });
    expect(before.json().space.can).toMatchObject({ read: false, moderate: false });

    const appointed = await t.app.inject({ method: 'PUT', url, headers: asAdmin() });
    expect(appointed.statusCode).toBe(200);
    expect(appointed.json()).toEqual({ moderators: ['Zachte_Wind'] });
    expect((await t.app.inject({ method: 'PUT', url, headers: asAdmin() })).json()).toEqual({
      moderators: ['Zachte_Wind'],
    });

    // The appointment takes effect on the volunteer's very next request.
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/spaces/met-moderatoren',
      headers: { cookie: volunteer.cookie },
    });
    expect(after.json().space).toMatchObject({ moderators: ['Zachte_Wind'], can: { read: true, moderate: true } });
    const queue = await t.app.inject({
      method: 'GET',
      url: '/api/spaces/met-moderatoren/join-requests',
      headers: { cookie: volunteer.cookie },
    });
    expect(queue.statusCode).toBe(200);

    const removed = await t.app.inject({ method: 'DELETE', url, headers: asAdmin() });
    expect(removed.statusCode).toBe(204);
    expect(removed.body).toBe('');
    expect((await t.app.inject({ method: 'DELETE', url, headers: asAdmin() })).statusCode).toBe(204);
    const gone = await t.app.inject({
      method: 'GET',
      url: '/api/spaces/met-moderatoren',
      headers: { cookie: volunteer.cookie },
    });
    expect(gone.json().space).toMatchObject({ moderators: [], can: { read: false, moderate: false } });

    const actions = (await auditFor(space.id)).map((e) => e.action).sort();
    expect(actions).toEqual(['moderator_appointed', 'moderator_removed']);
  });

  it('404 user_not_found for an unknown pseudonym', async () => {
    await createSpace(t.app, { slug: 'zonder-moderator' });
    for (const method of ['PUT', 'DELETE'] as const) {
      const res = await t.app.inject({
        method,
        url: '/api/spaces/zonder-moderator/moderators/niemand-heet-zo',
        headers: asAdmin(),
      });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('user_not_found');
    }
  });

  it('a moderator of one space has no power in another', async () => {
    const mine = await createSpace(t.app, { slug: 'mijn-ruimte', visibility: 'closed' });
    await createSpace(t.app, { slug: 'andere-ruimte', visibility: 'closed' });
    const moderator = await createMember(t.app, { moderatorOf: [mine.id] });
    const asker = await createMember(t.app);
    const other = await createSpace(t.app, { slug: 'derde-ruimte', visibility: 'closed' });
    await addMembership(t.app, other.id, asker.id, 'pending');

    const headers = { cookie: moderator.cookie };
    const list = await t.app.inject({ method: 'GET', url: '/api/spaces/andere-ruimte/join-requests', headers });
    expect(list.statusCode).toBe(403);
    const approve = await t.app.inject({
      method: 'POST',
      url: `/api/spaces/derde-ruimte/join-requests/${asker.id}/approve`,
      headers,
    });
    expect(approve.statusCode).toBe(403);
    const page = await t.app.inject({ method: 'GET', url: '/api/spaces/andere-ruimte', headers });
    expect(page.json().space.can).toMatchObject({ read: false, moderate: false, manage: false });
  });
});
