/**
 * Moderation → notifications: the member a decision concerns hears of it (`moderation_decision`), an
 * appeal's outcome reaches the member who appealed (`appeal_decided`), and approving a held post notifies
 * like a post published at once (followers, and the author: "approved"). Never the moderator's identity,
 * never the account behind an anonymous post; live to the member's open tabs; per-type settings apply.
 */
import type { Notification, NotificationList } from '@kring/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../../src/db/schema';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { listen, openSocket, waitFor, type TestSocket } from '../../helpers/socket';
import { createMember, newcomer, type TestMember } from '../../factories/members';
import { api } from '../../factories/moderation';
import { createTestSpace, key, replyTo, startThread, type SpaceRow } from '../../factories/threads';

let t: TestApp;
let a: ReturnType<typeof api>;
let baseUrl: string;
let space: SpaceRow;
let mod: TestMember;
let secondMod: TestMember;
let admin: TestMember;
const sockets: TestSocket[] = [];
const reason = 'Dit bericht is niet vriendelijk naar anderen.';

beforeAll(async () => {
  t = await buildTestApp({ rateLimits: false });
  a = api(t.app);
  baseUrl = await listen(t.app);
  space = await createTestSpace(t.app, { slug: 'modnote', allowAnonymous: true });
  mod = await createMember(t.app, { username: 'Moderator_Mila', moderatorOf: [space.id] });
  secondMod = await createMember(t.app, { moderatorOf: [space.id] });
  admin = await createMember(t.app, { role: 'admin' });
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await t.close();
});

async function list(member: TestMember): Promise<NotificationList> {
  const res = await t.app.inject({ method: 'GET', url: '/api/notifications', headers: { cookie: member.cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<NotificationList>();
}
const ofType = async (member: TestMember, type: Notification['type']) =>
  (await list(member)).items.filter((n) => n.type === type);
const outcomes = async (member: TestMember) =>
  (await ofType(member, 'moderation_decision')).map((n) => n.outcome).sort();

function expectNoModerator(payload: unknown): void {
  const text = JSON.stringify(payload);
  for (const who of [mod, secondMod, admin]) {
    expect(text).not.toContain(who.id);
    expect(text).not.toContain(who.username);
  }
}

describe('moderation_decision', () => {
  it('tells the author about hide, restore, edit, label and remove of their post, with where it is', async () => {
    const author = await createMember(t.app);
    const { thread, post } = await startThread(t.app, author, space.slug, { title: 'Over mijn behandeling' });
    for (const action of ['hide_post', 'restore_post', 'edit_post', 'label_post', 'remove_post']) {
      const res = await a.act(mod, {
        action,
        targetType: 'post',
        targetId: post.id,
        reason,
        ...(action === 'edit_post' ? { body: 'Aangepast door moderatie' } : {}),
      });
      expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
    }
    const decisions = await ofType(author, 'moderation_decision');
    expect(decisions.map((n) => n.outcome).sort()).toEqual(
      ['edit_post', 'hide_post', 'label_post', 'remove_post', 'restore_post'].sort(),
    );
    for (const n of decisions) {
      expect(n).toMatchObject({ threadId: thread.id, threadTitle: 'Over mijn behandeling', spaceSlug: space.slug });
      expect(n.postNumber).toBe(1);
      expect(n.actorUsername).toBeNull();
    }
    expectNoModerator(decisions);
    // Nobody else hears of it.
    expect(await ofType(mod, 'moderation_decision')).toEqual([]);
  });

  it('tells a member about warn, mute, ban, unban and suspend — also behind an anonymous post, revealing nobody', async () => {
    const member = await createMember(t.app);
    const onlooker = await createMember(t.app);
    const { thread, post } = await startThread(t.app, member, space.slug, { anonymous: true });
    await replyTo(t.app, onlooker, thread.id);
    const onUser = { targetType: 'user', targetId: member.id, reason, space: space.id };
    expect((await a.act(mod, { ...onUser, action: 'warn_user' })).statusCode).toBe(200);
    // The moderator acts on the account behind the anonymous post without knowing who it is.
    expect(
      (await a.act(mod, { action: 'mute_user', targetType: 'post', targetId: post.id, reason, durationHours: 24 }))
        .statusCode,
    ).toBe(200);
    expect((await a.act(mod, { ...onUser, action: 'unban_user' })).statusCode).toBe(200);
    expect((await a.act(mod, { ...onUser, action: 'ban_user' })).statusCode).toBe(200);
    expect(
      (await a.act(admin, { action: 'suspend_user', targetType: 'user', targetId: member.id, reason })).statusCode,
    ).toBe(200);

    // The suspension ended the member's sessions; read their notifications straight from the database.
    const rows = await t.app.kring.database.db.select().from(notifications).where(eq(notifications.userId, member.id));
    const decisions = rows.filter((r) => r.type === 'moderation_decision');
    expect(decisions.map((r) => r.data.outcome).sort()).toEqual(
      ['ban_user', 'mute_user', 'suspend_user', 'unban_user', 'warn_user'].sort(),
    );
    expectNoModerator(decisions);
    // A decision in a space says which one; the one on the anonymous post points at that post.
    for (const row of decisions.filter((r) => ['ban_user', 'unban_user', 'warn_user'].includes(r.data.outcome ?? '')))
      expect(row.data.spaceSlug).toBe(space.slug);
    expect(decisions.find((r) => r.data.outcome === 'mute_user')?.threadId).toBe(thread.id);
    // The onlooker, a follower of nothing here, hears nothing about it; the anonymous author is never named.
    const theirs = await list(onlooker);
    expect(theirs.items.filter((n) => n.type === 'moderation_decision')).toEqual([]);
    expect(JSON.stringify(theirs)).not.toContain(member.username);
  });

  it('arrives live in every open tab of the member', async () => {
    const author = await createMember(t.app);
    const { post } = await startThread(t.app, author, space.slug);
    const tabs = [openSocket(baseUrl, { cookie: author.cookie }), openSocket(baseUrl, { cookie: author.cookie })];
    sockets.push(...tabs);
    await Promise.all(tabs.map((tab) => waitFor(tab, 'hello')));
    const arrivals = tabs.map((tab) =>
      waitFor<{ notification: Notification; unreadCount: number }>(tab, 'notification'),
    );
    expect((await a.act(mod, { action: 'hide_post', targetType: 'post', targetId: post.id, reason })).statusCode).toBe(
      200,
    );
    for (const arrived of await Promise.all(arrivals)) {
      expect(arrived.notification).toMatchObject({ type: 'moderation_decision', outcome: 'hide_post' });
      expect(arrived.unreadCount).toBeGreaterThanOrEqual(1);
      expectNoModerator(arrived);
    }
  });

  it('respects the per-type setting', async () => {
    const author = await createMember(t.app);
    const off = await t.app.inject({
      method: 'PUT',
      url: '/api/notifications/settings',
      headers: { cookie: author.cookie },
      payload: { enabled: { moderation_decision: false } },
    });
    expect(off.statusCode, off.body).toBe(200);
    const { post } = await startThread(t.app, author, space.slug);
    expect((await a.act(mod, { action: 'hide_post', targetType: 'post', targetId: post.id, reason })).statusCode).toBe(
      200,
    );
    expect(await outcomes(author)).toEqual([]);
  });
});

/** A new member's reply, held for review (202). */
async function heldReply(writer: TestMember, threadId: string, payload: { body: string; anonymous?: boolean }) {
  const held = await t.app.inject({
    method: 'POST',
    url: `/api/threads/${threadId}/posts`,
    headers: { cookie: writer.cookie },
    payload: { ...payload, idempotencyKey: key() },
  });
  expect(held.statusCode, held.body).toBe(202);
  return held.json<{ post: { id: string; number: number } }>().post;
}

describe('approving a held post', () => {
  it('notifies followers like a post published at once, and tells the author "approved"', async () => {
    const opener = await createMember(t.app);
    const { thread } = await startThread(t.app, opener, space.slug, { title: 'Wie wacht er ook op uitslag?' });
    const writer = await createMember(t.app, newcomer());
    const heldPost = await heldReply(writer, thread.id, { body: 'Ik wacht ook, sterkte @' + opener.username });
    // Held: nobody hears of it yet.
    expect((await list(opener)).items.filter((n) => n.threadId === thread.id)).toEqual([]);

    const openerTab = openSocket(baseUrl, { cookie: opener.cookie });
    sockets.push(openerTab);
    await waitFor(openerTab, 'hello');
    const live = waitFor<{ notification: Notification }>(openerTab, 'notification');
    const approved = await a.act(mod, {
      action: 'restore_post',
      targetType: 'post',
      targetId: heldPost.id,
      reason: 'Goedgekeurd',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await live).notification.threadId).toBe(thread.id);

    // The opener follows the thread and is mentioned: one notification (a mention wins over the reply digest).
    const forOpener = (await list(opener)).items.filter((n) => n.threadId === thread.id);
    expect(forOpener.map((n) => n.type)).toEqual(['mention']);
    expect(forOpener[0]).toMatchObject({ postNumber: heldPost.number, actorUsername: writer.username });

    const forWriter = await ofType(writer, 'moderation_decision');
    expect(forWriter).toHaveLength(1);
    expect(forWriter[0]).toMatchObject({ outcome: 'approved', threadId: thread.id, postNumber: heldPost.number });
    expectNoModerator(forWriter);
  });

  it('an approved anonymous reply notifies followers without naming its author', async () => {
    const opener = await createMember(t.app);
    const { thread } = await startThread(t.app, opener, space.slug, { title: 'Anoniem en toch gehoord' });
    const writer = await createMember(t.app, newcomer());
    const heldPost = await heldReply(writer, thread.id, {
      body: 'Dit durf ik alleen anoniem te zeggen',
      anonymous: true,
    });
    expect(
      (await a.act(mod, { action: 'restore_post', targetType: 'post', targetId: heldPost.id, reason: 'Goedgekeurd' }))
        .statusCode,
    ).toBe(200);
    const forOpener = (await list(opener)).items.filter((n) => n.threadId === thread.id);
    expect(forOpener.map((n) => n.type)).toEqual(['reply']);
    expect(forOpener[0]?.actorUsername).toBeNull();
    expect(JSON.stringify(forOpener)).not.toContain(writer.username);
    expect(JSON.stringify(forOpener)).not.toContain(writer.id);
    expect((await ofType(writer, 'moderation_decision')).map((n) => n.outcome)).toEqual(['approved']);
  });
});

describe('appeal_decided', () => {
  it('tells the member who appealed the outcome (uphold / overturn), nobody else, without the decider', async () => {
    const author = await createMember(t.app);
    const { thread, post } = await startThread(t.app, author, space.slug);
    const second = await replyTo(t.app, author, thread.id);
    const actions: string[] = [];
    for (const target of [post.id, second.id]) {
      const res = await a.act(mod, { action: 'hide_post', targetType: 'post', targetId: target, reason });
      actions.push(res.json<{ action: { id: string } }>().action.id);
    }
    const appeals: string[] = [];
    for (const actionId of actions) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/appeals',
        headers: { cookie: author.cookie },
        payload: { actionId, message: 'Ik bedoelde het niet onaardig.' },
      });
      expect(res.statusCode, res.body).toBe(201);
      appeals.push(res.json<{ appeal: { id: string } }>().appeal.id);
    }
    const decide = (id: string, decision: string) =>
      a.call('POST', `/api/moderation/appeals/${id}/decide`, secondMod, { decision, reason: 'Bekeken' });
    expect((await decide(appeals[0]!, 'uphold')).statusCode).toBe(200);
    expect((await decide(appeals[1]!, 'overturn')).statusCode).toBe(200);

    const decided = await ofType(author, 'appeal_decided');
    expect(decided.map((n) => n.outcome).sort()).toEqual(['overturn', 'uphold']);
    for (const n of decided) expect(n).toMatchObject({ threadId: thread.id, spaceSlug: space.slug });
    expectNoModerator(decided);
    for (const who of [mod, secondMod, admin]) expect(await ofType(who, 'appeal_decided')).toEqual([]);
  });
});
