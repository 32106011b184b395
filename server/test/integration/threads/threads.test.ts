/** Starting threads, the space's thread list (ordering, keyset cursor, unanswered) and one thread. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { threads } from '../../../src/db/schema';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { createMember, type TestMember } from '../../factories/members';
import { createTestSpace, key, replyTo, spaceCounters, startThread, type SpaceRow } from '../../factories/threads';

let t: TestApp;
let now = new Date('2026-03-01T10:00:00.000Z');
let author: TestMember;
let space: SpaceRow;

beforeAll(async () => {
  t = await buildTestApp({}, { clock: { now: () => now } });
  author = await createMember(t.app);
  space = await createTestSpace(t.app, { slug: 'nazorg' });
});
afterAll(async () => {
  await t.close();
});

const tick = () => {
  now = new Date(now.getTime() + 1_000);
};

function post(url: string, member: TestMember | null, payload: unknown) {
  return t.app.inject({
    method: 'POST',
    url,
    payload: payload as object,
    headers: member ? { cookie: member.cookie } : {},
  });
}

describe('POST /api/spaces/:slug/threads', () => {
  it('starts a thread with its opening post (201) and counts it on the space', async () => {
    const before = await spaceCounters(t.app, space.id);
    const res = await post('/api/spaces/nazorg/threads', author, {
      title: 'Moe na bestraling',
      body: 'Hoe lang **duurde** het bij jullie?',
      intent: 'question',
      idempotencyKey: key(),
    });
    expect(res.statusCode).toBe(201);
    const { thread, post: opening } = res.json();
    expect(thread).toMatchObject({
      spaceSlug: 'nazorg',
      title: 'Moe na bestraling',
      intent: 'question',
      author: { kind: 'member', username: author.username },
      replyCount: 0,
      lastPostNumber: 1,
      pinned: false,
      locked: false,
    });
    expect(opening).toMatchObject({
      number: 1,
      threadId: thread.id,
      html: '<p>Hoe lang <strong>duurde</strong> het bij jullie?</p>',
      source: 'Hoe lang **duurde** het bij jullie?',
      status: 'published',
      reactions: { steun: 0, herkenning: 0, dank: 0 },
      myReactions: [],
      mine: true,
      editedAt: null,
    });
    const after = await spaceCounters(t.app, space.id);
    expect(after?.threadCount).toBe((before?.threadCount ?? 0) + 1);
    expect(after?.postCount).toBe((before?.postCount ?? 0) + 1);
    expect(after?.lastActivityAt?.toISOString()).toBe(now.toISOString());
  });

  it('returns the original (200) when the same idempotency key is sent again, and stores it once', async () => {
    const idempotencyKey = key();
    const body = { title: 'Eén keer opslaan', body: 'Dubbel verzonden?', idempotencyKey };
    const first = await post('/api/spaces/nazorg/threads', author, body);
    const again = await post('/api/spaces/nazorg/threads', author, body);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json().thread.id).toBe(first.json().thread.id);
    expect(again.json().post.id).toBe(first.json().post.id);
    const rows = await t.app.kring.database.db.select().from(threads).where(eq(threads.title, 'Eén keer opslaan'));
    expect(rows).toHaveLength(1);
  });

  it('refuses a key that was used for a reply (409 idempotency_key_reused)', async () => {
    const { thread } = await startThread(t.app, author, 'nazorg');
    const idempotencyKey = key();
    await replyTo(t.app, author, thread.id, { idempotencyKey });
    const res = await post('/api/spaces/nazorg/threads', author, { title: 'Andere draad', body: 'x', idempotencyKey });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('idempotency_key_reused');
  });

  it('lets another member use the same key (keys are per author)', async () => {
    const other = await createMember(t.app);
    const idempotencyKey = key();
    expect(
      (await post('/api/spaces/nazorg/threads', author, { title: 'Eerste lid', body: 'a', idempotencyKey })).statusCode,
    ).toBe(201);
    expect(
      (await post('/api/spaces/nazorg/threads', other, { title: 'Tweede lid', body: 'b', idempotencyKey })).statusCode,
    ).toBe(201);
  });

  it('needs a session (401)', async () => {
    const res = await post('/api/spaces/nazorg/threads', null, {
      title: 'Zonder sessie',
      body: 'x',
      idempotencyKey: key(),
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
  });

  it('is a 404 for an unknown space', async () => {
    const res = await post('/api/spaces/bestaat-niet/threads', author, {
      title: 'Nergens',
      body: 'x',
      idempotencyKey: key(),
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  it('is a 403 space_archived in an archived space', async () => {
    const archived = await createTestSpace(t.app, { archivedAt: new Date() });
    const res = await post(`/api/spaces/${archived.slug}/threads`, author, {
      title: 'Te laat',
      body: 'x',
      idempotencyKey: key(),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('space_archived');
  });

  it('is a 403 anonymous_not_allowed where the space does not allow anonymous posts', async () => {
    const named = await createTestSpace(t.app, { allowAnonymous: false });
    const res = await post(`/api/spaces/${named.slug}/threads`, author, {
      title: 'Anoniem?',
      body: 'x',
      anonymous: true,
      idempotencyKey: key(),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('anonymous_not_allowed');
  });

  describe('bad input is a 400, never a 500', () => {
    const valid = () => ({ title: 'Een goede titel', body: 'Een goede tekst', idempotencyKey: key() });
    it.each([
      ['an empty body', { body: '' }],
      ['a body of only spaces', { body: '   \n  ' }],
      ['a body over 20,000 characters', { body: 'a'.repeat(20_001) }],
      ['an empty title', { title: '' }],
      ['a title under 5 characters', { title: 'Hoi' }],
      ['a title over 150 characters', { title: 't'.repeat(151) }],
      ['a title with a newline', { title: 'Twee\nregels' }],
      ['a NUL character in the body', { body: 'a\u0000b' }],
      ['a control character in the title', { title: 'Titel\u0007met bel' }],
      ['a missing idempotency key', { idempotencyKey: undefined }],
      ['a short idempotency key', { idempotencyKey: 'kort' }],
      ['an unknown intent', { intent: 'rant' }],
      ['an unknown field', { mood: 'blij' }],
      ['a non-boolean anonymous flag', { anonymous: 'ja' }],
    ])('%s', async (_name, change) => {
      const res = await post('/api/spaces/nazorg/threads', author, { ...valid(), ...change });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    });

    it('a title that is only markup', async () => {
      const res = await post('/api/spaces/nazorg/threads', author, {
        ...valid(),
        title: '<b><i></i></b><script>x</script>',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toHaveProperty('title');
    });

    it('malformed JSON', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/spaces/nazorg/threads',
        headers: { cookie: author.cookie, 'content-type': 'application/json' },
        payload: '{"title": ',
      });
      expect(res.statusCode).toBe(400);
    });

    it('counts length after NFC normalisation', async () => {
      // 150 × "e" + combining acute accent = 300 code points, 150 after NFC.
      const res = await post('/api/spaces/nazorg/threads', await createMember(t.app), {
        ...valid(),
        title: 'e\u0301'.repeat(150),
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().thread.title).toBe('é'.repeat(150));
    });
  });

  it('neutralises hostile markup in titles and bodies', async () => {
    const res = await post('/api/spaces/nazorg/threads', await createMember(t.app), {
      title: '<img src=x onerror=alert(1)>Hulp <script>alert(1)</script>gezocht',
      body: '<script>alert(1)</script>\n\n[klik](javascript:alert(1)) <img src=x onerror=alert(1)>',
      idempotencyKey: key(),
    });
    expect(res.statusCode).toBe(201);
    const { thread, post: opening } = res.json();
    expect(thread.title).toBe('Hulp gezocht');
    expect(opening.html).not.toMatch(/<script|<img|href="javascript/i);
    expect(opening.html).toContain('&lt;script&gt;');
    expect(opening.html).toContain('<p>klik &lt;img');
    // What any reader receives (the author alone also gets their markdown source back, as typed).
    for (const url of [`/api/threads/${thread.id}`, `/api/threads/${thread.id}/posts`, '/api/spaces/nazorg/threads']) {
      const raw = (await t.app.inject({ method: 'GET', url })).body;
      expect(raw, url).not.toMatch(/<script|<img|javascript:/i);
    }
  });
});

describe('GET /api/spaces/:slug/threads', () => {
  let listSpace: SpaceRow;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const author = await createMember(t.app);
    listSpace = await createTestSpace(t.app, { slug: 'lijst' });
    for (const name of ['oud', 'midden', 'nieuw', 'vastgezet']) {
      tick();
      ids[name] = (await startThread(t.app, author, 'lijst', { title: `Draad ${name}` })).thread.id;
    }
    await t.app.kring.database.db
      .update(threads)
      .set({ pinned: true })
      .where(eq(threads.id, ids.vastgezet ?? ''));
    // A reply moves "oud" to the top of the unpinned threads.
    tick();
    await replyTo(t.app, author, ids.oud ?? '');
  });

  it('lists pinned threads first, then by last activity', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/spaces/lijst/threads' });
    expect(res.statusCode).toBe(200);
    const titles = res.json().items.map((item: { title: string }) => item.title);
    expect(titles).toEqual(['Draad vastgezet', 'Draad oud', 'Draad nieuw', 'Draad midden']);
    expect(res.json().nextCursor).toBeNull();
    expect(res.json().items[1]).toMatchObject({ replyCount: 1, lastPostNumber: 2 });
  });

  it('pages with an opaque cursor, without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/spaces/lijst/threads?limit=1${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().items.map((item: { title: string }) => item.title));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Draad vastgezet', 'Draad oud', 'Draad nieuw', 'Draad midden']);
  });

  it('filters unanswered threads', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/spaces/lijst/threads?filter=unanswered' });
    const titles = res.json().items.map((item: { title: string }) => item.title);
    expect(titles).toEqual(['Draad vastgezet', 'Draad nieuw', 'Draad midden']);
    expect(res.json().items.every((item: { replyCount: number }) => item.replyCount === 0)).toBe(true);
  });

  it.each([
    ['not base64url', 'niet%20geldig!'],
    ['base64url of garbage', Buffer.from('hallo').toString('base64url')],
    ['the wrong shape', Buffer.from(JSON.stringify({ a: 1 })).toString('base64url')],
    [
      'a bad date',
      Buffer.from(JSON.stringify([0, 'gisteren', '00000000-0000-4000-8000-000000000000'])).toString('base64url'),
    ],
    ['a bad id', Buffer.from(JSON.stringify([0, new Date().toISOString(), 'x'])).toString('base64url')],
  ])('refuses a malformed cursor (%s) with 400 invalid_cursor', async (_name, cursor) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/spaces/lijst/threads?cursor=${cursor}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_cursor');
  });

  it.each(['0', '101', 'veel', '-3'])('refuses limit=%s with 400', async (limit) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/spaces/lijst/threads?limit=${limit}` });
    expect(res.statusCode).toBe(400);
  });

  it('refuses an unknown filter with 400', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/spaces/lijst/threads?filter=populair' });
    expect(res.statusCode).toBe(400);
  });

  it('is a 404 for an unknown space', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/spaces/onbekend/threads' });
    expect(res.statusCode).toBe(404);
  });

  it('keeps the list of another space apart', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/spaces/${listSpace.slug}/threads?limit=100` });
    expect(res.json().items.every((item: { spaceId: string }) => item.spaceId === listSpace.id)).toBe(true);
  });
});

describe('GET /api/threads/:id', () => {
  it('returns the thread with its space and what the reader may do', async () => {
    const author = await createMember(t.app);
    const { thread } = await startThread(t.app, author, 'nazorg', { title: 'Details' });
    const asGuest = await t.app.inject({ method: 'GET', url: `/api/threads/${thread.id}` });
    expect(asGuest.statusCode).toBe(200);
    expect(asGuest.json()).toMatchObject({
      thread: { id: thread.id, spaceSlug: 'nazorg', title: 'Details' },
      space: { slug: 'nazorg', allowAnonymous: true, archived: false, visibility: 'public' },
      can: { reply: false, react: false, moderate: false },
      viewer: { signedIn: false },
    });
    const asMember = await t.app.inject({
      method: 'GET',
      url: `/api/threads/${thread.id}`,
      headers: { cookie: author.cookie },
    });
    expect(asMember.json()).toMatchObject({ can: { reply: true, react: true }, viewer: { signedIn: true } });
  });

  it.each(['00000000-0000-4000-8000-000000000000', 'geen-id', '1'])('is a 404 for %s', async (id) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/threads/${id}` });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });
});

describe('posting rate limit', () => {
  it('answers 429 with Retry-After after 10 new threads a minute', async () => {
    const busy = await createMember(t.app);
    const results: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await post('/api/spaces/nazorg/threads', busy, {
        title: `Draad nummer ${i}`,
        body: 'x',
        idempotencyKey: key(),
      });
      results.push(res.statusCode);
      if (res.statusCode === 429) expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(results.slice(0, 10).every((status) => status === 201)).toBe(true);
    expect(results[10]).toBe(429);
  });
});
