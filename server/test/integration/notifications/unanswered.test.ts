/**
 * "Nobody left alone": a thread without a reply after the space's hours notifies its moderators once;
 * answered, locked, too recent, held or archived threads do not; concurrent runs claim each thread once.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationList } from '@kring/shared';
import { posts, spaces, threads } from '../../../src/db/schema';
import { runUnansweredCheck } from '../../../src/modules/notifications/notifications.unanswered';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { createMember, type TestMember } from '../../factories/members';
import { createTestSpace, replyTo, startThread } from '../../factories/threads';

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp({ rateLimits: false });
});

afterAll(async () => {
  await t.close();
});

const HOUR = 60 * 60 * 1000;

async function age(threadId: string, hours: number) {
  await t.app.kring.database.db
    .update(threads)
    .set({ createdAt: new Date(Date.now() - hours * HOUR) })
    .where(eq(threads.id, threadId));
}

async function unanswered(member: TestMember): Promise<NotificationList['items']> {
  const res = await t.app.inject({ method: 'GET', url: '/api/notifications', headers: { cookie: member.cookie } });
  return res.json<NotificationList>().items.filter((n) => n.type === 'unanswered_thread');
}

describe('nobody left alone', () => {
  it("notifies the space's moderators once about a thread without a reply after N hours", async () => {
    const space = await createTestSpace(t.app);
    const moderator = await createMember(t.app, { moderatorOf: [space.id] });
    const otherModerator = await createMember(t.app, { moderatorOf: [(await createTestSpace(t.app)).id] });
    const opener = await createMember(t.app);
    const replier = await createMember(t.app);

    const lonely = (await startThread(t.app, opener, space.slug, { title: 'Niemand reageert nog' })).thread.id;
    const recent = (await startThread(t.app, opener, space.slug, { title: 'Net geplaatst' })).thread.id;
    const answered = (await startThread(t.app, opener, space.slug, { title: 'Al beantwoord' })).thread.id;
    const held = await startThread(t.app, opener, space.slug, { title: 'Wacht op moderatie' });
    await replyTo(t.app, replier, answered);
    await age(lonely, 13);
    await age(recent, 11);
    await age(answered, 13);
    await age(held.thread.id, 13);
    await t.app.kring.database.db.update(posts).set({ status: 'pending' }).where(eq(posts.id, held.post.id));

    const [first, second] = await Promise.all([runUnansweredCheck(t.app.kring), runUnansweredCheck(t.app.kring)]);
    expect((first?.threads ?? 0) + (second?.threads ?? 0)).toBe(1);
    expect((await runUnansweredCheck(t.app.kring)).threads).toBe(0);

    const mine = await unanswered(moderator);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ threadId: lonely, threadTitle: 'Niemand reageert nog', spaceSlug: space.slug });
    expect(await unanswered(otherModerator)).toEqual([]);
    expect(await unanswered(opener)).toEqual([]);
  });

  it("follows the space's own setting (set by an admin through the API), and skips archived spaces", async () => {
    const quick = await createTestSpace(t.app);
    const admin = await createMember(t.app, { role: 'admin' });
    const set = await t.app.inject({
      method: 'PATCH',
      url: `/api/spaces/${quick.slug}`,
      headers: { cookie: admin.cookie },
      payload: { unansweredAfterHours: 2 },
    });
    expect(set.statusCode).toBe(200);
    const archived = await createTestSpace(t.app);
    const moderator = await createMember(t.app, { moderatorOf: [quick.id, archived.id] });
    const opener = await createMember(t.app);
    const soon = (await startThread(t.app, opener, quick.slug)).thread.id;
    const old = (await startThread(t.app, opener, archived.slug)).thread.id;
    await age(soon, 3);
    await age(old, 30);
    await t.app.kring.database.db.update(spaces).set({ archivedAt: new Date() }).where(eq(spaces.id, archived.id));
    await runUnansweredCheck(t.app.kring);
    expect((await unanswered(moderator)).map((n) => n.threadId)).toEqual([soon]);
  });
});
