/**
 * Every appeal reachable on the moderators' appeals screen (issue 21): with more open appeals than one page
 * (the server pages 50 at a time), the heading counts all of them and "Meer laden" brings the rest; deciding
 * one on the screen moves it to the decided list and lowers the count. Set-up through the API: a member's
 * posts hidden by a moderator, each appealed.
 */
import type { APIRequestContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eApi } from './helpers/api';
import { useE2eSuite } from './helpers/suite';

const ADMIN = { username: 'demo-beheerder', password: 'welkom-in-de-kring-beheer' };
const MODERATOR = { username: 'demo-moderator', password: 'welkom-in-de-kring-moderatie' };
const APPEALS = 52;

// New members' posts are not held here, so the set-up can publish directly.
const suite = useE2eSuite({ KRING_NEW_MEMBER_DAYS: '0' });
const { headers, login, signUp } = e2eApi(suite);

async function post(request: APIRequestContext, path: string, data: object): Promise<unknown> {
  const response = await request.post(`${suite.baseUrl}${path}`, { data, headers: headers() });
  expect(response.status(), `${path}: ${await response.text()}`).toBeLessThan(300);
  return response.json();
}

const key = () => `e2e-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

describe('the appeals screen pages through every appeal', () => {
  it('counts all open appeals, loads the next page, and moves a decided one', async () => {
    const stamp = Date.now().toString(36);
    const author = (await suite.open()).context().request;
    await signUp(author, `bezwaar${stamp}`);
    const started = (await post(author, '/api/spaces/borstkanker/threads', {
      title: `Veel bezwaren ${stamp}`,
      body: `Bericht 1 ${stamp}`,
      idempotencyKey: key(),
    })) as { thread: { id: string }; post: { id: string } };
    const postIds = [started.post.id];
    for (let n = 2; n <= APPEALS; n++) {
      const reply = (await post(author, `/api/threads/${started.thread.id}/posts`, {
        body: `Bericht ${n} ${stamp}`,
        idempotencyKey: key(),
      })) as { post: { id: string } };
      postIds.push(reply.post.id);
    }
    const moderator = (await suite.open()).context().request;
    await login(moderator, MODERATOR);
    for (const id of postIds) {
      await post(moderator, '/api/moderation/actions', {
        action: 'hide_post',
        targetType: 'post',
        targetId: id,
        reason: 'Verborgen voor de test',
      });
    }
    const decisions = (await (await author.get(`${suite.baseUrl}/api/appeals?limit=100`)).json()) as {
      items: { id: string; appealable: boolean }[];
    };
    const appealable = decisions.items.filter((d) => d.appealable);
    expect(appealable).toHaveLength(APPEALS);
    for (const decision of appealable) {
      await post(author, '/api/appeals', { actionId: decision.id, message: `Bezwaar ${stamp}` });
    }

    const admin = await suite.open();
    await login(admin.context().request, ADMIN);
    // The demo content may hold appeals of its own: the heading counts every open one.
    const listed = (await (
      await admin.context().request.get(`${suite.baseUrl}/api/moderation/appeals?status=open`)
    ).json()) as { openCount: number };
    const total = listed.openCount;
    expect(total).toBeGreaterThanOrEqual(APPEALS);
    await admin.goto('/moderatie/bezwaren');
    const open = admin.getByRole('region', { name: /^Open bezwaren/ });
    await admin.getByRole('heading', { name: `Open bezwaren (${total})` }).waitFor();
    const mine = open.getByRole('article').filter({ hasText: `Bezwaar ${stamp}` });
    expect(await mine.count()).toBe(50);

    await open.getByRole('button', { name: 'Meer laden' }).click();
    await expect.poll(() => mine.count()).toBe(APPEALS);
    await open.getByRole('button', { name: 'Meer laden' }).waitFor({ state: 'detached' });

    // Deciding one on the screen moves it to the decided list and lowers the count.
    const first = mine.first();
    await first.getByRole('radio', { name: 'Afwijzen: het besluit blijft staan' }).check();
    await first.getByLabel('Reden', { exact: true }).fill('Het besluit blijft staan, zie de huisregels.');
    await first.getByRole('button', { name: 'Beslissen' }).click();
    await admin.getByRole('heading', { name: `Open bezwaren (${total - 1})` }).waitFor();
    await expect.poll(() => mine.count()).toBe(APPEALS - 1);
    const decided = admin.getByRole('region', { name: 'Afgehandelde bezwaren' });
    await decided
      .getByRole('article')
      .filter({ hasText: `Bezwaar ${stamp}` })
      .first()
      .waitFor();
  });
});
