/**
 * Conversations in the browser: reading a seeded thread as a guest, two members live in one thread (a
 * reply from one appears in the other within a second, without reload; reactions, typing and the reader
 * count too), the composer's preview and draft, permalinks, own edits and deletes, starting a thread.
 *
 * Members sign in through `POST /api/auth/login` with the demo accounts (the accounts feature); the space
 * page and the new-thread page read `GET /api/spaces/:slug` (the spaces feature).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoSeriousAxeViolations } from './helpers/checks';
import { e2eApi } from './helpers/api';
import { useE2eSuite } from './helpers/suite';

const ADMIN = { username: 'demo-beheerder', password: 'welkom-in-de-kring-beheer' };
const MODERATOR = { username: 'demo-moderator', password: 'welkom-in-de-kring-moderatie' };

const suite = useE2eSuite();
const { signIn } = e2eApi(suite);
const open = (expectedFailedRequests: RegExp[] = []) => suite.open({ expectedFailedRequests });

/** Opens a page as a signed-in member (the session cookie is set before the app and its socket start). */
async function openAs(
  who: { username: string; password: string },
  expectedFailedRequests: RegExp[] = [],
): Promise<Page> {
  const page = await open(expectedFailedRequests);
  await signIn(page.context(), who);
  return page;
}

interface ThreadSummary {
  id: string;
  title: string;
  replyCount: number;
}

async function seededThreads(slug: string): Promise<ThreadSummary[]> {
  const response = await fetch(`${suite.baseUrl}/api/spaces/${slug}/threads`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: ThreadSummary[] }).items;
}

/** A fresh thread for one test, started through the API as the given member's page. */
async function freshThread(page: Page, title: string): Promise<string> {
  const response = await page.context().request.post(`${suite.baseUrl}/api/spaces/borstkanker/threads`, {
    data: { title, body: 'Wie **herkent** dit?', idempotencyKey: `e2e-${Date.now()}-${Math.random()}` },
    headers: { origin: suite.baseUrl },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { thread: { id: string } }).thread.id;
}

async function visitThread(page: Page, id: string, hash = ''): Promise<void> {
  const response = await page.goto(`/draad/${id}${hash}`);
  expect(response?.status()).toBe(200);
  await page.getByRole('list').first().waitFor();
  await page.getByRole('article').first().waitFor();
}

describe('reading as a guest', () => {
  it('shows a seeded conversation with its posts, reactions and a way to sign in', async () => {
    const [thread] = (await seededThreads('borstkanker')).filter((t) => t.replyCount > 0);
    if (!thread) throw new Error('the seed has no thread with replies');
    const page = await open();
    await visitThread(page, thread.id);
    await page.getByRole('heading', { level: 1, name: thread.title }).waitFor();
    expect(await page.getByRole('article').count()).toBe(thread.replyCount + 1);
    await page.getByRole('link', { name: 'Log in om te reageren' }).waitFor();
    expect(await page.getByRole('textbox').count()).toBe(0);
    // Anonymous writers show as "Anoniem A"; counts are shown without buttons.
    await page
      .getByText(/Anoniem [A-Z]/)
      .first()
      .waitFor();
    expect(await page.getByRole('button', { name: /^Steun/ }).count()).toBe(0);
    await expectNoSeriousAxeViolations(page);
  });

  it('opens a permalink (#p<number>) on that post', async () => {
    const [thread] = (await seededThreads('borstkanker')).filter((t) => t.replyCount >= 2);
    if (!thread) throw new Error('the seed has no thread with two replies');
    const page = await open();
    await visitThread(page, thread.id, '#p3');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('p3');
  });

  it('says so when a thread does not exist', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const page = await open([new RegExp(`/api/threads/${missing}`)]);
    await page.goto(`/draad/${missing}`);
    await page.getByRole('heading', { level: 1, name: 'Dit gesprek bestaat niet' }).waitFor();
  });
});

describe('two members in one thread', () => {
  it('a reply from one appears in the other within a second, without reload, and is announced', async () => {
    const writer = await openAs(ADMIN);
    const reader = await openAs(MODERATOR);
    const id = await freshThread(writer, 'Live meelezen in de browser');
    await visitThread(writer, id);
    await visitThread(reader, id);

    // Both are in the room: "2 mensen lezen mee".
    await reader.getByText('2 mensen lezen mee').waitFor();
    await writer.getByText('2 mensen lezen mee').waitFor();

    const composer = writer.getByRole('textbox', { name: 'Je bericht' });
    await composer.fill('Ik lees live mee en herken dit **helemaal**.');
    await composer.press('End');
    await composer.type(' Sterkte!');
    // Someone is writing — without saying who.
    await reader.getByText('Iemand schrijft…').waitFor();

    await writer.getByRole('button', { name: 'Reactie plaatsen' }).click();
    const sentAt = Date.now();
    const arrived = reader.getByRole('article').filter({ hasText: 'Ik lees live mee en herken dit helemaal.' });
    await arrived.waitFor({ timeout: 1_000 });
    expect(Date.now() - sentAt).toBeLessThan(1_000);
    expect(await arrived.locator('strong').textContent()).toBe('helemaal');
    // The polite live region tells screen reader users.
    await expect
      .poll(() => reader.locator('[role="status"][aria-live="polite"]').allTextContents())
      .toContain('Nieuwe reactie van demo-beheerder');
    // The writer's own composer is empty again and said so.
    expect(await composer.inputValue()).toBe('');
    await expect
      .poll(() => writer.locator('[role="status"][aria-live="polite"]').allTextContents())
      .toContain('Je reactie is geplaatst.');
  });

  it('reactions toggle with aria-pressed and their counts update for the other reader', async () => {
    const writer = await openAs(ADMIN);
    const reader = await openAs(MODERATOR);
    const id = await freshThread(writer, 'Steun geven in de browser');
    await visitThread(writer, id);
    await visitThread(reader, id);
    await reader.getByText('2 mensen lezen mee').waitFor();

    const steun = reader.getByRole('group', { name: 'Reageren op bericht 1' }).getByRole('button', { name: /^Steun/ });
    expect(await steun.getAttribute('aria-pressed')).toBe('false');
    await steun.click();
    await expect.poll(() => steun.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => steun.textContent()).toContain('1');
    // The writer cannot react to their own post, but sees the count arrive live.
    await writer.getByRole('list', { name: 'Reacties op bericht 1' }).getByText('Steun 1').waitFor();

    await steun.click();
    await expect.poll(() => steun.getAttribute('aria-pressed')).toBe('false');
    await expectNoSeriousAxeViolations(reader);
  });

  it('own posts can be edited and deleted, and others see both live', async () => {
    const writer = await openAs(ADMIN);
    const reader = await openAs(MODERATOR);
    const id = await freshThread(writer, 'Bewerken en verwijderen');
    await visitThread(writer, id);
    await visitThread(reader, id);
    await reader.getByText('2 mensen lezen mee').waitFor();

    const mine = writer.getByRole('article').first();
    await mine.getByRole('button', { name: 'Meer' }).click();
    await mine.getByRole('menuitem', { name: 'Bewerken' }).click();
    const editor = writer.getByRole('textbox', { name: 'Bericht 1 bewerken' });
    expect(await editor.inputValue()).toBe('Wie **herkent** dit?');
    await editor.fill('Wie herkent dit nog meer?');
    await writer.getByRole('button', { name: 'Wijziging opslaan' }).click();
    await reader.getByRole('article').first().getByText('Wie herkent dit nog meer?').waitFor();
    await reader.getByRole('article').first().getByText('(bewerkt)').waitFor();

    await mine.getByRole('button', { name: 'Meer' }).click();
    await mine.getByRole('menuitem', { name: 'Verwijderen' }).click();
    await writer.getByRole('button', { name: 'Ja, verwijderen' }).click();
    await reader.getByRole('article').first().getByText('Dit bericht is verwijderd.').waitFor();
    await writer.getByRole('article').first().getByText('Dit bericht is verwijderd.').waitFor();
  });
});

describe('a bad connection', () => {
  it('a reply sent while offline is kept and sent once when the connection returns', async () => {
    // The request that fails while offline is expected: the page handles it.
    const page = await openAs(ADMIN, [/\/api\/threads\/[^/]+\/posts$/]);
    const id = await freshThread(page, 'Verbinding kwijt');
    await visitThread(page, id);
    await page.getByText('1 persoon leest mee').waitFor();

    await page.context().setOffline(true);
    await page.getByRole('textbox', { name: 'Je bericht' }).fill('Verstuurd zonder verbinding');
    await page.getByRole('button', { name: 'Reactie plaatsen' }).click();
    await page.getByText(/Geen verbinding\. Je bericht is bewaard/).waitFor();

    await page.context().setOffline(false);
    const sent = page.getByRole('article').filter({ hasText: 'Verstuurd zonder verbinding' });
    await sent.waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByRole('textbox', { name: 'Je bericht' }).inputValue()).toBe('');
    const stored = await fetch(`${suite.baseUrl}/api/threads/${id}/posts`);
    const bodies = ((await stored.json()) as { items: { html: string }[] }).items.map((p) => p.html);
    expect(bodies.filter((html) => html.includes('Verstuurd zonder verbinding'))).toHaveLength(1);
  });

  it('after a dropped connection the page catches up: missed replies appear once, in order', async () => {
    const writer = await openAs(ADMIN);
    const reader = await openAs(MODERATOR);
    const id = await freshThread(writer, 'Inhalen na een onderbreking');
    await visitThread(reader, id);
    await reader.getByText('1 persoon leest mee').waitFor();

    await reader.context().setOffline(true);
    await reader.getByText('Geen verbinding. We proberen het opnieuw…').waitFor({ timeout: 30_000 });
    for (const body of ['Gemist een', 'Gemist twee']) {
      const res = await writer.context().request.post(`${suite.baseUrl}/api/threads/${id}/posts`, {
        data: { body, idempotencyKey: `e2e-${Date.now()}-${Math.random()}` },
        headers: { origin: suite.baseUrl },
      });
      expect(res.status()).toBe(201);
    }
    await reader.context().setOffline(false);
    await reader.getByRole('article').filter({ hasText: 'Gemist twee' }).waitFor({ timeout: 15_000 });
    const texts = await reader.getByRole('article').allTextContents();
    expect(texts.filter((t) => t.includes('Gemist een'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('Gemist twee'))).toHaveLength(1);
    expect(texts.findIndex((t) => t.includes('Gemist een'))).toBeLessThan(
      texts.findIndex((t) => t.includes('Gemist twee')),
    );
    await reader.getByText('Weer verbonden. Je mist niets.').waitFor({ state: 'attached' });
  });
});

describe('the composer', () => {
  it('previews markdown as it will be stored and keeps a draft across a reload', async () => {
    const page = await openAs(ADMIN);
    const id = await freshThread(page, 'Concept bewaren');
    await visitThread(page, id);
    const body = page.getByRole('textbox', { name: 'Je bericht' });
    await body.fill('Een *concept* met <script>alert(1)</script>');
    await page.getByRole('button', { name: 'Voorbeeld', exact: true }).click();
    const preview = page.getByRole('region', { name: 'Zo ziet je bericht eruit' });
    await preview.locator('em').getByText('concept').waitFor();
    expect(await preview.locator('script').count()).toBe(0);
    await page.getByRole('button', { name: 'Schrijven', exact: true }).click();

    // The toolbar wraps the selection in markdown.
    await body.fill('vet');
    await body.selectText();
    await page.getByRole('button', { name: 'Vet', exact: true }).click();
    expect(await body.inputValue()).toBe('**vet**');

    await page.reload();
    await page.getByRole('article').first().waitFor();
    expect(await page.getByRole('textbox', { name: 'Je bericht' }).inputValue()).toBe('**vet**');
    await page.getByText('Je concept van eerder is teruggezet.').waitFor();
    await expectNoSeriousAxeViolations(page);
  });

  it('"Snel weg" wipes the drafts on this device, so nobody finds a half-written story', async () => {
    const page = await openAs(ADMIN);
    await page.route('https://www.nu.nl/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<title>Weer</title><h1>Het weer</h1>' }),
    );
    const id = await freshThread(page, 'Concept en snel weg');
    await visitThread(page, id);
    await page.getByRole('textbox', { name: 'Je bericht' }).fill('Wat ik nog niemand heb verteld');
    await expect
      .poll(() => page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('kring.draft.'))))
      .toHaveLength(1);

    await page.getByRole('link', { name: 'Snel weg' }).click();
    await page.waitForURL('https://www.nu.nl/weer');

    // "Snel weg" also signed the member out on this device; they come back and sign in again.
    await expect
      .poll(async () => (await page.context().cookies()).some((cookie) => cookie.name === 'kring_session'))
      .toBe(false);
    await signIn(page.context(), ADMIN);
    await visitThread(page, id);
    expect(await page.getByRole('textbox', { name: 'Je bericht' }).inputValue()).toBe('');
    expect(
      await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('kring.draft.'))),
    ).toEqual([]);
  });

  it('posts anonymously: the thread shows an alias, never the pseudonym', async () => {
    const page = await openAs(MODERATOR);
    const [thread] = await seededThreads('tinnitus');
    if (!thread) throw new Error('the seed has no tinnitus thread');
    await visitThread(page, thread.id);
    await page.getByRole('textbox', { name: 'Je bericht' }).fill('Anoniem gedeeld vanuit de test');
    await page.getByRole('checkbox', { name: 'Anoniem plaatsen' }).check();
    await page.getByRole('button', { name: 'Reactie plaatsen' }).click();
    const post = page.getByRole('article').filter({ hasText: 'Anoniem gedeeld vanuit de test' });
    await post.waitFor();
    expect(await post.textContent()).toMatch(/Anoniem [A-Z]/);
    expect(await post.textContent()).not.toContain('demo-moderator');
  });
});

describe('starting a conversation', () => {
  it('from the space page, with a title and an intent, lands on the new thread', async () => {
    const page = await openAs(ADMIN);
    const response = await page.goto('/ruimtes/borstkanker');
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { level: 2, name: 'Gesprekken' }).waitFor();
    await page.getByRole('link', { name: 'Onbeantwoord' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Onbeantwoord' }).getAttribute('aria-current')).toBe('page');
    await page.getByRole('link', { name: 'Nieuw gesprek beginnen' }).click();

    await page.getByRole('heading', { level: 1, name: 'Nieuw gesprek' }).waitFor();
    await page.getByRole('textbox', { name: 'Titel' }).fill('Een nieuw gesprek uit de browser');
    await page.getByRole('combobox', { name: 'Wat zoek je?' }).selectOption({ label: 'Vraag' });
    await page.getByRole('textbox', { name: 'Je bericht' }).fill('Mijn eerste bericht.');
    await expectNoSeriousAxeViolations(page);
    await page.getByRole('button', { name: 'Gesprek beginnen' }).click();

    await page.getByRole('heading', { level: 1, name: 'Een nieuw gesprek uit de browser' }).waitFor();
    expect(page.url()).toMatch(/\/draad\/[0-9a-f-]{36}$/);
    await page.getByText('Mijn eerste bericht.').waitFor();
  });
});
