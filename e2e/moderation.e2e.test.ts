/**
 * Moderation in the browser: a member reports a post → the moderator sees it arrive live in the queue →
 * hides it with a reason → it disappears from a third reader's open page → the author appeals → an admin
 * overturns, and the post is back on the reader's page. Reporting and appealing go through the API here
 * (their screens are not built yet); the queue and the thread page are the real UI.
 */
import { describe, expect, it } from 'vitest';
import { e2eApi } from './helpers/api';
import { useE2eSuite } from './helpers/suite';

const ADMIN = { username: 'demo-beheerder', password: 'welkom-in-de-kring-beheer' };
const MODERATOR = { username: 'demo-moderator', password: 'welkom-in-de-kring-moderatie' };

const suite = useE2eSuite();
const { headers, login, signUp } = e2eApi(suite);
const open = () => suite.open();

describe('moderation', () => {
  it('report → live queue → hide → gone for readers → appeal → admin overturns', async () => {
    const stamp = Date.now().toString(36);
    const authorPage = await open();
    await signUp(authorPage.context().request, `schrijver${stamp}`);
    const title = `Een vraag over vermoeidheid ${stamp}`;
    const started = await authorPage.context().request.post(`${suite.baseUrl}/api/spaces/borstkanker/threads`, {
      data: { title, body: 'Wie herkent deze vermoeidheid?', idempotencyKey: `e2e-${stamp}` },
      headers: headers(),
    });
    // A brand-new member's first posts wait for a moderator (in every space); the moderator approves it.
    expect(started.status()).toBe(202);
    const { thread, post } = (await started.json()) as { thread: { id: string }; post: { id: string } };

    // The hide dialog asks for the server's reason templates; until that endpoint exists it uses the built-in list.
    const moderator = await suite.open();
    await login(moderator.context().request, MODERATOR);
    const queue = await moderator.context().request.get(`${suite.baseUrl}/api/moderation/queue`);
    const held = (
      (await queue.json()) as { items: { id: string; version: number; target: { id: string } }[] }
    ).items.find((candidate) => candidate.target.id === post.id);
    expect(held, 'the held post is in the queue').toBeDefined();
    const approved = await moderator
      .context()
      .request.post(`${suite.baseUrl}/api/moderation/queue/${held?.id}/resolve`, {
        data: { decision: 'agree', action: 'restore_post', reason: 'Goedgekeurd', version: held?.version },
        headers: headers(),
      });
    expect(approved.status(), await approved.text()).toBe(200);
    await moderator.goto('/moderatie');
    await moderator.getByRole('heading', { level: 1, name: /Moderatie/ }).waitFor();

    const reader = await open();
    await signUp(reader.context().request, `lezer${stamp}`);
    await reader.goto(`/draad/${thread.id}`);
    await reader.getByText('Wie herkent deze vermoeidheid?').waitFor();

    const reported = await reader.context().request.post(`${suite.baseUrl}/api/reports`, {
      data: { targetType: 'post', targetId: post.id, reason: 'unkind', note: 'Niet vriendelijk' },
      headers: headers(),
    });
    expect(reported.status()).toBe(201);

    const item = moderator.getByRole('article').filter({ hasText: title });
    await item.waitFor({ timeout: 2_000 });
    await item.getByRole('button', { name: 'Bericht verbergen…', exact: true }).click();
    await item.getByLabel('Kies een standaardreden').selectOption({ index: 2 });
    await item.getByRole('button', { name: 'Verbergen met deze reden' }).click();
    await item.waitFor({ state: 'detached' });

    await reader.getByText('Dit bericht is verborgen door een moderator.').waitFor({ timeout: 1_000 });
    expect(await reader.getByText('Wie herkent deze vermoeidheid?').count()).toBe(0);

    const decisions = await authorPage.context().request.get(`${suite.baseUrl}/api/appeals`);
    const [decision] = ((await decisions.json()) as { items: { id: string; action: string; reason: string }[] }).items;
    expect(decision?.action).toBe('hide_post');
    const appealed = await authorPage.context().request.post(`${suite.baseUrl}/api/appeals`, {
      data: { actionId: decision?.id, message: 'Ik bedoelde het niet onvriendelijk.' },
      headers: headers(),
    });
    expect(appealed.status()).toBe(201);
    const { appeal } = (await appealed.json()) as { appeal: { id: string } };

    const admin = await open();
    await login(admin.context().request, ADMIN);
    const decided = await admin.context().request.post(`${suite.baseUrl}/api/moderation/appeals/${appeal.id}/decide`, {
      data: { decision: 'overturn', reason: 'Terecht bezwaar' },
      headers: headers(),
    });
    expect(decided.status()).toBe(200);
    await reader.getByText('Wie herkent deze vermoeidheid?').waitFor({ timeout: 1_000 });
  });
});
