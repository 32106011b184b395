/**
 * Moderator actions × roles: moderator of this space, of another space, member, admin. Every action
 * writes an audit entry; sanctions are enforced; the account behind an anonymous post never leaks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { createMember, FIXTURE_PASSWORD, type TestMember } from '../../factories/members';
import { api } from '../../factories/moderation';
import { createTestSpace, key, replyTo, startThread, type SpaceRow } from '../../factories/threads';

let t: TestApp;
let a: ReturnType<typeof api>;
let space: SpaceRow;
let other: SpaceRow;
let author: TestMember;
let reader: TestMember;
let mod: TestMember;
let otherMod: TestMember;
let admin: TestMember;

beforeAll(async () => {
  t = await buildTestApp({ rateLimits: false });
  a = api(t.app);
  space = await createTestSpace(t.app, { slug: 'act-space' });
  other = await createTestSpace(t.app, { slug: 'act-other' });
  author = await createMember(t.app);
  reader = await createMember(t.app);
  mod = await createMember(t.app, { moderatorOf: [space.id] });
  otherMod = await createMember(t.app, { moderatorOf: [other.id] });
  admin = await createMember(t.app, { role: 'admin' });
});
afterAll(async () => {
  await t.close();
});

const reason = 'Past niet bij de huisregels';
const statusOf = async (threadId: string, member: TestMember | null, number = 1) =>
  (await a.posts(member, threadId))
    .json<{ items: { number: number; status: string; html?: string; label?: string }[] }>()
    .items.find((p) => p.number === number);

describe('post actions × roles', () => {
  it.each([
    ['moderator of this space', () => mod, 200],
    ['admin', () => admin, 200],
    ['moderator of another space', () => otherMod, 403],
    ['member', () => reader, 403],
  ] as const)('hide_post by %s → %i', async (_label, who, expected) => {
    const { thread, post } = await startThread(t.app, author, space.slug);
    const res = await a.act(who(), { action: 'hide_post', targetType: 'post', targetId: post.id, reason });
    expect(res.statusCode, res.body).toBe(expected);
    const seen = await statusOf(thread.id, reader);
    expect(seen?.status).toBe(expected === 200 ? 'hidden' : 'published');
  });

  it('hidden: readers get a stub, the author still sees the text; restore brings it back', async () => {
    const { thread, post } = await startThread(t.app, author, space.slug, { body: 'Mijn verhaal' });
    expect((await a.act(mod, { action: 'hide_post', targetType: 'post', targetId: post.id, reason })).statusCode).toBe(
      200,
    );
    expect((await statusOf(thread.id, reader))?.html).toBeUndefined();
    expect((await statusOf(thread.id, author))?.html).toContain('Mijn verhaal');
    const again = await a.act(mod, { action: 'hide_post', targetType: 'post', targetId: post.id, reason });
    expect(again.statusCode).toBe(409);
    expect(
      (await a.act(mod, { action: 'restore_post', targetType: 'post', targetId: post.id, reason })).statusCode,
    ).toBe(200);
    expect((await statusOf(thread.id, reader))?.status).toBe('published');
  });

  it('remove, edit with note and label', async () => {
    const { thread, post } = await startThread(t.app, author, space.slug);
    const reply = await replyTo(t.app, reader, thread.id);
    expect(
      (
        await a.act(mod, {
          action: 'edit_post',
          targetType: 'post',
          targetId: post.id,
          reason,
          body: 'Bewerkt',
          note: 'BSN weggehaald',
        })
      ).statusCode,
    ).toBe(200);
    expect((await statusOf(thread.id, reader))?.html).toContain('Bewerkt');
    expect((await a.act(mod, { action: 'label_post', targetType: 'post', targetId: post.id, reason })).statusCode).toBe(
      200,
    );
    expect((await statusOf(thread.id, reader))?.label).toBe('ervaringskennis — geen medisch advies');
    expect(
      (await a.act(mod, { action: 'remove_post', targetType: 'post', targetId: reply.id, reason })).statusCode,
    ).toBe(200);
    expect((await statusOf(thread.id, reader, 2))?.status).toBe('removed');
    expect((await a.act(mod, { action: 'edit_post', targetType: 'post', targetId: post.id, reason })).statusCode).toBe(
      400,
    );
  });

  it('never restores a post its author deleted (409 deleted_by_author); a moderator removal can be restored', async () => {
    const { thread } = await startThread(t.app, author, space.slug);
    const deleted = await replyTo(t.app, author, thread.id, { body: 'Dit wil ik toch niet delen' });
    const removed = await replyTo(t.app, author, thread.id, { body: 'Weggehaald door moderator' });
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/posts/${deleted.id}`,
      headers: { cookie: author.cookie },
    });
    expect(del.statusCode, del.body).toBe(200);
    for (const who of [mod, admin]) {
      const res = await a.act(who, { action: 'restore_post', targetType: 'post', targetId: deleted.id, reason });
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error.code).toBe('deleted_by_author');
    }
    expect((await statusOf(thread.id, reader, deleted.number))?.status).toBe('removed');
    expect((await statusOf(thread.id, mod, deleted.number))?.status).toBe('removed');

    // Hidden first, then deleted by its author: still not restorable.
    const hiddenFirst = await replyTo(t.app, author, thread.id, { body: 'Eerst verborgen' });
    expect(
      (await a.act(mod, { action: 'hide_post', targetType: 'post', targetId: hiddenFirst.id, reason })).statusCode,
    ).toBe(200);
    expect(
      (
        await t.app.inject({
          method: 'DELETE',
          url: `/api/posts/${hiddenFirst.id}`,
          headers: { cookie: author.cookie },
        })
      ).statusCode,
    ).toBe(200);
    const again = await a.act(mod, { action: 'restore_post', targetType: 'post', targetId: hiddenFirst.id, reason });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('deleted_by_author');

    expect(
      (await a.act(mod, { action: 'remove_post', targetType: 'post', targetId: removed.id, reason })).statusCode,
    ).toBe(200);
    expect(
      (await a.act(mod, { action: 'restore_post', targetType: 'post', targetId: removed.id, reason })).statusCode,
    ).toBe(200);
    expect((await statusOf(thread.id, reader, removed.number))?.status).toBe('published');
  });

  it('is 401 without a session, 400 for unknown actions or fields, 404 for a missing post', async () => {
    const { post } = await startThread(t.app, author, space.slug);
    expect((await a.act(null, { action: 'hide_post', targetType: 'post', targetId: post.id, reason })).statusCode).toBe(
      401,
    );
    expect((await a.act(mod, { action: 'explode', targetType: 'post', targetId: post.id, reason })).statusCode).toBe(
      400,
    );
    expect(
      (await a.act(mod, { action: 'hide_post', targetType: 'post', targetId: post.id, reason, x: 1 })).statusCode,
    ).toBe(400);
    expect((await a.act(mod, { action: 'hide_post', targetType: 'post', targetId: post.id })).statusCode).toBe(400);
    expect(
      (
        await a.act(mod, {
          action: 'hide_post',
          targetType: 'post',
          targetId: '00000000-0000-4000-8000-000000000000',
          reason,
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('what an action needs', () => {
  it('is checked by the schema: a mute without a duration, an edit without a body, a move without a space', async () => {
    const { thread, post } = await startThread(t.app, author, space.slug);
    const cases = [
      [{ action: 'mute_user', targetType: 'post', targetId: post.id }, 'durationHours'],
      [{ action: 'edit_post', targetType: 'post', targetId: post.id }, 'body'],
      [{ action: 'move_thread', targetType: 'thread', targetId: thread.id }, 'toSpace'],
    ] as const;
    for (const [body, field] of cases) {
      const res = await a.act(mod, { ...body, reason });
      expect(res.statusCode, field).toBe(400);
      expect(res.json<{ error: { code: string; fields: Record<string, string> } }>().error).toMatchObject({
        code: 'validation_failed',
        fields: { [field]: 'is required' },
      });
    }
    // Nothing happened: the post is as it was.
    expect((await statusOf(thread.id, reader))?.status).toBe('published');
  });
});

describe('thread actions', () => {
  it('lock blocks replies; pin, unpin, unlock; other-space moderators cannot', async () => {
    const { thread } = await startThread(t.app, author, space.slug);
    expect(
      (await a.act(otherMod, { action: 'lock_thread', targetType: 'thread', targetId: thread.id, reason })).statusCode,
    ).toBe(403);
    expect(
      (await a.act(mod, { action: 'lock_thread', targetType: 'thread', targetId: thread.id, reason })).statusCode,
    ).toBe(200);
    const blocked = await t.app.inject({
      method: 'POST',
      url: `/api/threads/${thread.id}/posts`,
      headers: { cookie: reader.cookie },
      payload: { body: 'hallo', idempotencyKey: key() },
    });
    expect(blocked.statusCode).toBe(403);
    expect(
      (await a.act(mod, { action: 'unlock_thread', targetType: 'thread', targetId: thread.id, reason })).statusCode,
    ).toBe(200);
    expect(
      (await a.act(mod, { action: 'pin_thread', targetType: 'thread', targetId: thread.id, reason })).statusCode,
    ).toBe(200);
    const detail = await t.app.inject({ method: 'GET', url: `/api/threads/${thread.id}` });
    expect(detail.json().thread).toMatchObject({ pinned: true, locked: false });
    expect(
      (await a.act(mod, { action: 'unpin_thread', targetType: 'thread', targetId: thread.id, reason })).statusCode,
    ).toBe(200);
  });

  it('moves a thread only into a space the actor also moderates', async () => {
    const { thread } = await startThread(t.app, author, space.slug);
    expect(
      (
        await a.act(mod, {
          action: 'move_thread',
          targetType: 'thread',
          targetId: thread.id,
          reason,
          toSpace: other.id,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await a.act(admin, {
          action: 'move_thread',
          targetType: 'thread',
          targetId: thread.id,
          reason,
          toSpace: other.id,
        })
      ).statusCode,
    ).toBe(200);
    const detail = await t.app.inject({ method: 'GET', url: `/api/threads/${thread.id}` });
    expect(detail.json().thread.spaceId).toBe(other.id);
  });
});

describe('member sanctions', () => {
  const post = (member: TestMember, threadId: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/threads/${threadId}/posts`,
      headers: { cookie: member.cookie },
      payload: { body: 'nog een bericht', idempotencyKey: key() },
    });

  it('mutes the account behind an anonymous post without revealing it; unban lifts it', async () => {
    const writer = await createMember(t.app);
    const { thread, post: anon } = await startThread(t.app, writer, space.slug, { anonymous: true });
    const missing = await a.act(mod, { action: 'mute_user', targetType: 'post', targetId: anon.id, reason });
    expect(missing.statusCode).toBe(400);
    const res = await a.act(mod, {
      action: 'mute_user',
      targetType: 'post',
      targetId: anon.id,
      reason,
      durationHours: 24,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).not.toContain(writer.id);
    expect(res.body).not.toContain(writer.username);
    const muted = await post(writer, thread.id);
    expect(muted.statusCode).toBe(403);
    expect(muted.json().error.code).toBe('muted');
    const { post: someone } = await startThread(t.app, reader, space.slug);
    const reaction = await t.app.inject({
      method: 'PUT',
      url: `/api/posts/${someone.id}/reactions/steun`,
      headers: { cookie: writer.cookie },
    });
    expect(reaction.json().error.code).toBe('muted');
    // Muted in this space only.
    const elsewhere = await startThread(t.app, writer, other.slug);
    expect(elsewhere.thread.id).toBeTruthy();
    const log = await a.log(mod);
    expect(log.body).not.toContain(writer.id);
    expect(log.body).not.toContain(writer.username);
    expect((await a.act(mod, { action: 'unban_user', targetType: 'post', targetId: anon.id, reason })).statusCode).toBe(
      200,
    );
    expect((await post(writer, thread.id)).statusCode).toBe(201);
    expect((await a.act(mod, { action: 'unban_user', targetType: 'post', targetId: anon.id, reason })).statusCode).toBe(
      409,
    );
  });

  it('bans from a space; a moderator of another space cannot; warn is audited', async () => {
    const writer = await createMember(t.app);
    const { thread } = await startThread(t.app, writer, space.slug);
    expect(
      (await a.act(otherMod, { action: 'ban_user', targetType: 'user', targetId: writer.id, reason, space: space.id }))
        .statusCode,
    ).toBe(403);
    expect((await a.act(mod, { action: 'ban_user', targetType: 'user', targetId: writer.id, reason })).statusCode).toBe(
      400,
    );
    expect(
      (await a.act(mod, { action: 'ban_user', targetType: 'user', targetId: writer.id, reason, space: space.id }))
        .statusCode,
    ).toBe(200);
    const banned = await post(writer, thread.id);
    expect(banned.json().error.code).toBe('banned');
    expect(
      (await a.act(mod, { action: 'warn_user', targetType: 'user', targetId: writer.id, reason, space: space.id }))
        .statusCode,
    ).toBe(200);
    const log = (await a.log(mod, '?action=warn_user')).json<{ items: { target: { id: string } }[] }>();
    expect(log.items.some((e) => e.target.id === writer.id)).toBe(true);
  });

  it('suspension and unmasking are admin-only; suspension ends sessions and blocks posting', async () => {
    const writer = await createMember(t.app);
    const { post: anon } = await startThread(t.app, writer, space.slug, { anonymous: true });
    expect(
      (await a.act(mod, { action: 'unmask_author', targetType: 'post', targetId: anon.id, reason })).statusCode,
    ).toBe(403);
    const unmasked = await a.act(admin, { action: 'unmask_author', targetType: 'post', targetId: anon.id, reason });
    expect(unmasked.statusCode).toBe(200);
    expect(unmasked.json().author).toEqual({ id: writer.id, username: writer.username });
    const adminLog = await a.log(admin, '?action=unmask_author');
    expect(adminLog.body).not.toContain(writer.username);

    expect(
      (await a.act(mod, { action: 'suspend_user', targetType: 'user', targetId: writer.id, reason })).statusCode,
    ).toBe(403);
    expect(
      (await a.act(admin, { action: 'suspend_user', targetType: 'user', targetId: writer.id, reason })).statusCode,
    ).toBe(200);
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: writer.cookie } });
    expect(me.statusCode).toBe(401);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: writer.username, password: FIXTURE_PASSWORD },
    });
    expect(login.statusCode).toBe(403);
    expect(login.json().error.code).toBe('suspended');
  });
});

describe('audit log', () => {
  it('moderators see their spaces only; members are refused; filters work', async () => {
    const { post } = await startThread(t.app, author, other.slug);
    await a.act(otherMod, { action: 'hide_post', targetType: 'post', targetId: post.id, reason });
    const mine = (await a.log(mod)).json<{ items: { spaceId: string | null }[] }>();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((e) => e.spaceId === space.id)).toBe(true);
    const all = (await a.log(admin, `?space=${other.slug}`)).json<{ items: { target: { id: string } }[] }>();
    expect(all.items.some((e) => e.target.id === post.id)).toBe(true);
    const byActor = (await a.log(admin, `?actor=${otherMod.id}`)).json<{ items: { actor: { id: string } }[] }>();
    expect(byActor.items.every((e) => e.actor.id === otherMod.id)).toBe(true);
    expect((await a.log(reader)).statusCode).toBe(403);
    expect((await a.log(null)).statusCode).toBe(401);
    expect((await a.log(mod, `?space=${other.slug}`)).statusCode).toBe(404);
  });

  it('cannot be changed through any endpoint, nor in the database', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      const res = await t.app.inject({ method, url: '/api/moderation/log', headers: { cookie: admin.cookie } });
      expect(res.statusCode).toBe(404);
    }
    const db = t.app.kring.database.db;
    const { sql } = await import('drizzle-orm');
    await expect(db.execute(sql`update audit_entries set reason = 'x'`)).rejects.toThrow();
    await expect(db.execute(sql`delete from audit_entries`)).rejects.toThrow();
  });
});
