/**
 * Search and notifications in the browser: the header search box finds a post (a compound word by its
 * part, highlighted safely), and a reply written in another browser context raises the notification
 * badge live, without reload; the notification centre lists it and marks it read.
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
const open = () => suite.open();

async function openAs(who: { username: string; password: string }): Promise<Page> {
  const page = await open();
  await signIn(page.context(), who);
  return page;
}

async function post(page: Page, path: string, data: object): Promise<unknown> {
  const response = await page.context().request.post(`${suite.baseUrl}${path}`, {
    data,
    headers: { origin: suite.baseUrl },
  });
  expect(response.status(), `${path}: ${await response.text()}`).toBeLessThan(300);
  return response.json();
}

const key = () => `e2e-${Date.now()}-${Math.random()}`;

describe('search', () => {
  it('the header search box finds a post by part of a compound word, with the match highlighted', async () => {
    const writer = await openAs(ADMIN);
    await post(writer, '/api/spaces/borstkanker/threads', {
      title: 'Hulp bij de zonnebloemtuin',
      body: 'Wie kent de <b>zonnebloemtuin</b> bij het ziekenhuis?',
      idempotencyKey: key(),
    });

    const page = await open();
    await page.goto('/');
    const box = page.getByRole('searchbox', { name: 'Zoek in gesprekken' });
    await box.fill('bloemtuin');
    await box.press('Enter');
    await page.waitForURL(/\/zoeken\?q=bloemtuin/);
    const results = page.getByTestId('search-results');
    const link = results.getByRole('link', { name: 'Hulp bij de zonnebloemtuin' });
    await link.waitFor();
    // Highlights are <mark> elements around text; markup in the post never becomes HTML.
    expect(await results.locator('mark').first().textContent()).toBe('zonnebloemtuin');
    expect(await results.locator('b').count()).toBe(0);
    await expect
      .poll(() => page.locator('[role="status"][aria-live="polite"]').allTextContents())
      .toContain('1 resultaat gevonden.');
    await expectNoSeriousAxeViolations(page);

    await link.click();
    await page.getByRole('heading', { level: 1, name: 'Hulp bij de zonnebloemtuin' }).waitFor();
  });

  it('finds words typed without accents inside compounds, and says where and when each result was written', async () => {
    const writer = await openAs(ADMIN);
    await post(writer, '/api/spaces/borstkanker/threads', {
      title: 'Ervaringen van borstkankerpatiënten',
      body: 'Wie wil haar verhaal delen?',
      idempotencyKey: key(),
    });

    const page = await open();
    await page.goto('/zoeken');
    const box = page.getByRole('main').getByRole('searchbox', { name: 'Zoek in gesprekken' });
    await box.fill('patienten');
    await box.press('Enter');
    const results = page.getByTestId('search-results');
    const hit = results.getByRole('listitem').filter({ hasText: 'Ervaringen van borstkankerpatiënten' });
    await hit.waitFor();
    expect(await hit.locator('mark').first().textContent()).toBe('borstkankerpatiënten');
    await hit.getByRole('link', { name: 'Borstkanker', exact: true }).waitFor();
    expect(await hit.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('says so when nothing is found', async () => {
    const page = await open();
    await page.goto('/zoeken?q=xylofoonzwaluw');
    await page.getByText('Niets gevonden voor “xylofoonzwaluw”.', { exact: false }).first().waitFor();
  });
});

describe('notifications', () => {
  it('a reply in another browser context raises the badge live; the centre lists it and marks it read', async () => {
    const reader = await openAs(MODERATOR);
    const writer = await openAs(ADMIN);
    await post(reader, '/api/notifications/read', {});
    // Starting a thread follows it.
    const started = (await post(reader, '/api/spaces/borstkanker/threads', {
      title: 'Wie reageert er live?',
      body: 'Ik wacht op een reactie.',
      idempotencyKey: key(),
    })) as { thread: { id: string } };

    await reader.goto('/');
    const bell = reader.getByTestId('notification-bell');
    await bell.waitFor();
    expect(await reader.getByTestId('notification-badge').count()).toBe(0);

    await post(writer, `/api/threads/${started.thread.id}/posts`, { body: 'Hier ben ik!', idempotencyKey: key() });
    const badge = reader.getByTestId('notification-badge');
    await badge.waitFor({ timeout: 2_000 });
    expect(await badge.textContent()).toBe('1');
    expect(await bell.getAttribute('aria-label')).toBe('Notificaties, 1 ongelezen');

    await bell.click();
    await reader.getByRole('heading', { level: 1, name: 'Notificaties' }).waitFor();
    const list = reader.getByTestId('notification-list');
    await list.getByRole('link', { name: 'Nieuwe reactie in “Wie reageert er live?”' }).waitFor();
    await expectNoSeriousAxeViolations(reader);
    await reader.getByRole('button', { name: 'Markeer alles als gelezen' }).click();
    await expect.poll(() => reader.getByTestId('notification-badge').count()).toBe(0);
  });

  it('signing in through the form (no reload) makes the live connection the member’s at once', async () => {
    const writer = await openAs(ADMIN);
    const page = await open();
    // A space page opens the live connection as a guest; the login below happens in the same document.
    await page.goto('/ruimtes/borstkanker');
    await page.getByRole('heading', { level: 2, name: 'Gesprekken' }).waitFor();
    await page.getByRole('banner').getByRole('link', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    await page.getByLabel('Schuilnaam', { exact: true }).fill(MODERATOR.username);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(MODERATOR.password);
    await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
    const bell = page.getByTestId('notification-bell');
    await bell.waitFor();
    await post(page, '/api/notifications/read', {});
    await expect.poll(() => page.getByTestId('notification-badge').count()).toBe(0);
    const started = (await post(page, '/api/spaces/borstkanker/threads', {
      title: 'Live na het inloggen',
      body: 'Komt een reactie meteen binnen?',
      idempotencyKey: key(),
    })) as { thread: { id: string } };

    await post(writer, `/api/threads/${started.thread.id}/posts`, { body: 'Ja, meteen.', idempotencyKey: key() });
    const badge = page.getByTestId('notification-badge');
    await badge.waitFor({ timeout: 5_000 });
    expect(await badge.textContent()).toBe('1');
  });
});
