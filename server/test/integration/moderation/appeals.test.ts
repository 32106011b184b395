/** Appeals: once per action, by the member it concerns, decided by someone other than the acting moderator. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { createMember, type TestMember } from '../../factories/members';
import { api } from '../../factories/moderation';
import { createTestSpace, key, startThread, type SpaceRow } from '../../factories/threads';

let t: TestApp;
let a: ReturnType<typeof api>;
let space: SpaceRow;
let author: TestMember;
let mod: TestMember;
let mod2: TestMember;
let otherMod: TestMember;
let admin: TestMember;

beforeAll(async () => {
  t = await buildTestApp({ rateLimits: false });
  a = api(t.app);
  space = await createTestSpace(t.app, { slug: 'appeal-space' });
  const other = await createTestSpace(t.app, { slug: 'appeal-other' });
  author = await createMember(t.app);
  mod = await createMember(t.app, { moderatorOf: [space.id] });
  mod2 = await createMember(t.app, { moderatorOf: [space.id] });
  otherMod = await createMember(t.app, { moderatorOf: [other.id] });
  admin = await createMember(t.app, { role: 'admin' });
});
afterAll(async () => {
  await t.close();
});

const reason = 'Bevat persoonlijke gegevens';

async function hiddenPost() {
  const { thread, post } = await startThread(t.app, author, space.slug);
  const res = await a.act(mod, { action: 'hide_post', targetType: 'post', targetId: post.id, reason });
  return { thread, post, actionId: res.json().action.id as string };
}

describe('appeals', () => {
  it('the author sees the decision with its reason, appeals once, and an admin overturns', async () => {
    const { thread, actionId } = await hiddenPost();
    const mine = await a.call('GET', '/api/appeals', author);
    const decision = mine.json().items.find((d: { id: string }) => d.id === actionId);
    expect(decision).toMatchObject({ action: 'hide_post', reason, appealable: true, appeal: null });

    const appeal = await a.call('POST', '/api/appeals', author, {
      actionId,
      message: 'Er stond niets persoonlijks in.',
    });
    expect(appeal.statusCode).toBe(201);
    const again = await a.call('POST', '/api/appeals', author, { actionId, message: 'Nog een keer' });
    expect(again.statusCode).toBe(409);

    const own = await a.call('POST', `/api/moderation/appeals/${appeal.json().appeal.id}/decide`, mod, {
      decision: 'overturn',
      reason: 'ok',
    });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe('own_action');
    expect(
      (
        await a.call('POST', `/api/moderation/appeals/${appeal.json().appeal.id}/decide`, otherMod, {
          decision: 'overturn',
          reason: 'ok',
        })
      ).statusCode,
    ).toBe(404);

    const listed = await a.call('GET', '/api/moderation/appeals', admin);
    expect(listed.json().items.some((i: { id: string }) => i.id === appeal.json().appeal.id)).toBe(true);
    const decided = await a.call('POST', `/api/moderation/appeals/${appeal.json().appeal.id}/decide`, admin, {
      decision: 'overturn',
      reason: 'Terecht bezwaar',
    });
    expect(decided.statusCode).toBe(200);
    expect(decided.json().appeal).toMatchObject({
      status: 'decided',
      decision: 'overturn',
      decisionReason: 'Terecht bezwaar',
    });
    const page = await a.posts(null, thread.id);
    expect(page.json().items[0].status).toBe('published');
    const after = (await a.call('GET', '/api/appeals', author))
      .json()
      .items.find((d: { id: string }) => d.id === actionId);
    expect(after.appeal).toMatchObject({ decision: 'overturn' });
    expect(
      (
        await a.call('POST', `/api/moderation/appeals/${appeal.json().appeal.id}/decide`, mod2, {
          decision: 'uphold',
          reason: 'x',
        })
      ).statusCode,
    ).toBe(409);
  });

  it('another moderator of the space may uphold; overturning a mute lifts it', async () => {
    const writer = await createMember(t.app);
    const { thread, post } = await startThread(t.app, writer, space.slug, { anonymous: true });
    const muted = await a.act(mod, {
      action: 'mute_user',
      targetType: 'post',
      targetId: post.id,
      reason,
      durationHours: 72,
    });
    const actionId = muted.json().action.id as string;
    const appeal = (
      await a.call('POST', '/api/appeals', writer, { actionId, message: 'Graag opnieuw bekijken' })
    ).json().appeal;
    const upheld = await a.call('POST', `/api/moderation/appeals/${appeal.id}/decide`, mod2, {
      decision: 'uphold',
      reason: 'Blijft staan',
    });
    expect(upheld.statusCode).toBe(200);
    const writerPost = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/threads/${thread.id}/posts`,
        headers: { cookie: writer.cookie },
        payload: { body: 'hallo', idempotencyKey: key() },
      });
    expect((await writerPost()).statusCode).toBe(403);

    const second = await a.act(mod2, { action: 'ban_user', targetType: 'post', targetId: post.id, reason });
    const appeal2 = (
      await a.call('POST', '/api/appeals', writer, { actionId: second.json().action.id, message: 'Alsjeblieft' })
    ).json().appeal;
    await a.call('POST', `/api/moderation/appeals/${appeal2.id}/decide`, mod, {
      decision: 'overturn',
      reason: 'Te zwaar',
    });
    // The mute (upheld) still applies; the ban is lifted.
    expect((await writerPost()).json().error.code).toBe('muted');
  });

  it('only the member concerned may appeal (404 otherwise); 401 without session; 400 bad body', async () => {
    const { actionId } = await hiddenPost();
    const stranger = await createMember(t.app);
    expect((await a.call('POST', '/api/appeals', stranger, { actionId, message: 'mag ik?' })).statusCode).toBe(404);
    expect((await a.call('POST', '/api/appeals', mod, { actionId, message: 'mag ik?' })).statusCode).toBe(404);
    expect((await a.call('POST', '/api/appeals', null, { actionId, message: 'x' })).statusCode).toBe(401);
    expect((await a.call('POST', '/api/appeals', author, { actionId, message: '' })).statusCode).toBe(400);
    expect((await a.call('GET', '/api/moderation/appeals', author)).statusCode).toBe(403);
  });

  it('overturning never brings back a post its author deleted in the meantime', async () => {
    const { thread, post, actionId } = await hiddenPost();
    const appeal = await a.call('POST', '/api/appeals', author, { actionId, message: 'Niet terecht.' });
    expect(appeal.statusCode).toBe(201);
    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/api/posts/${post.id}`,
      headers: { cookie: author.cookie },
    });
    expect(deleted.statusCode, deleted.body).toBe(200);
    const decided = await a.call('POST', `/api/moderation/appeals/${appeal.json().appeal.id}/decide`, admin, {
      decision: 'overturn',
      reason: 'Terecht bezwaar',
    });
    expect(decided.statusCode).toBe(200);
    const seen = (await a.posts(null, thread.id)).json<{ items: { number: number; status: string }[] }>();
    expect(seen.items.find((p) => p.number === 1)?.status).toBe('removed');
  });
});
