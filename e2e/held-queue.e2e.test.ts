/**
 * The held journey through the screens (issue 15): a brand-new member's first thread waits for a
 * moderator. The member writes it on the new-thread screen and sees the held notice; a guest and another
 * member find it nowhere (space list, thread address, search); the moderator approves it in the queue
 * screen ("Wacht op goedkeuring") and it appears for everyone; the author gets the "approved"
 * notification. Then the other way: the moderator rejects a held thread with a reason (keyboard shortcut
 * and the reason templates), the author reads the reason through the notification and appeals.
 *
 * Set-up (people, an anchor thread by the admin so the lists have something to wait for) goes through the
 * API; every step under test goes through the screens.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoSeriousAxeViolations, moderationBadgeCount as badgeCount } from './helpers/checks';
import { e2eApi } from './helpers/api';
import { useE2eSuite } from './helpers/suite';

const ADMIN = { username: 'demo-beheerder', password: 'welkom-in-de-kring-beheer' };
const MODERATOR = { username: 'demo-moderator', password: 'welkom-in-de-kring-moderatie' };
/** Open space, moderated by the demo moderator: new members' first posts are held here too. */
const SPACE = 'borstkanker';

const suite = useE2eSuite();
const { headers, login, signUp } = e2eApi(suite);

/** A held thread is a 404 for everyone else: the thread page's request for it fails, on purpose. */
const hiddenThread = [/\/api\/threads\/[^/]+$/, /\/api\/threads\/[^/]+\/posts(\?.*)?$/];

const key = () => `e2e-held-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/** The admin (never held) starts a thread, so a list that loaded has something to show. */
async function anchorThread(title: string): Promise<void> {
  const admin = await suite.open();
  await login(admin.context().request, ADMIN);
  const response = await admin.context().request.post(`${suite.baseUrl}/api/spaces/${SPACE}/threads`, {
    data: { title, body: 'Een gesprek dat meteen zichtbaar is.', idempotencyKey: key() },
    headers: headers(),
  });
  expect(response.status(), await response.text()).toBe(201);
}

/** Neither in the space's list (which shows the anchor), nor at its address, nor in search. */
async function expectHiddenFrom(page: Page, held: { id: string; title: string }, anchor: string, token: string) {
  await page.goto(`/ruimtes/${SPACE}`);
  await page.getByRole('link', { name: anchor }).first().waitFor();
  expect(await page.getByText(held.title).count(), 'held thread in the space list').toBe(0);

  await page.goto(`/draad/${held.id}`);
  await page.getByRole('heading', { level: 1, name: 'Dit gesprek bestaat niet' }).waitFor();
  expect(await page.getByText(held.title).count(), 'held thread at its address').toBe(0);

  await page.goto(`/zoeken?q=${token}`);
  const results = page.getByTestId('search-results');
  await results.getByRole('link', { name: anchor }).waitFor();
  expect(await results.getByText(held.title).count(), 'held thread in search').toBe(0);
}

async function openQueue(): Promise<Page> {
  const moderator = await suite.open();
  await login(moderator.context().request, MODERATOR);
  await moderator.goto('/moderatie');
  await moderator.getByRole('heading', { level: 1, name: /Moderatie/ }).waitFor();
  return moderator;
}

describe('held posts in the browser', () => {
  it('a new member’s first thread: held notice → invisible to others → approved in the queue → visible, author notified', async () => {
    const stamp = Date.now().toString(36);
    const token = `kamille${stamp}`;
    const anchor = `Een open gesprek over ${token}`;
    const title = `Mijn eerste verhaal over ${token}`;
    const body = `Sinds de diagnose slaap ik slecht. Hoe gaan jullie daarmee om? ${stamp}`;
    await anchorThread(anchor);

    // The moderator has the queue open while the new member writes.
    const moderator = await openQueue();

    // The new member reads the rules (first posts are checked) and writes through the new-thread screen.
    const author = await suite.open();
    await signUp(author.context().request, `nieuwkomer${stamp}`);
    await author.goto(`/ruimtes/${SPACE}`);
    // The house rules fold out below the conversations.
    await author.getByRole('main').getByText('Huisregels', { exact: true }).click();
    await author.getByText('Dan bekijkt een moderator je eerste berichten').first().waitFor();
    await author.getByRole('link', { name: 'Nieuw gesprek beginnen' }).click();
    await author.getByRole('heading', { level: 1, name: 'Nieuw gesprek' }).waitFor();
    await author.getByRole('textbox', { name: 'Titel' }).fill(title);
    await author.getByRole('textbox', { name: 'Je bericht' }).fill(body);
    await author.getByRole('button', { name: 'Gesprek beginnen' }).click();

    // The thread page: the author's own text with a clear notice that only they see it, for now.
    await author.getByRole('heading', { level: 1, name: title }).waitFor();
    const threadId = /\/draad\/([0-9a-f-]{36})/.exec(author.url())?.[1] ?? '';
    expect(threadId).not.toBe('');
    const notice = author.getByTestId('held-notice');
    await notice.getByText('Alleen jij ziet dit gesprek.').waitFor();
    await notice.getByText(/meestal binnen een dag|Moderatoren zijn aanwezig/).waitFor();
    await author.getByText(body).waitFor();
    await expectNoSeriousAxeViolations(author);

    // Nobody else sees it: not a guest, not another member.
    const held = { id: threadId, title };
    const guest = await suite.open({ expectedFailedRequests: hiddenThread });
    await expectHiddenFrom(guest, held, anchor, token);
    const other = await suite.open({ expectedFailedRequests: hiddenThread });
    await signUp(other.context().request, `ander${stamp}`);
    await expectHiddenFrom(other, held, anchor, token);
    // The guest keeps the space page open to see it arrive.
    await guest.goto(`/ruimtes/${SPACE}`);
    await guest.getByRole('link', { name: anchor }).first().waitFor();

    // It arrived live in the moderator's queue, in its own section apart from the reports, with the post.
    await moderator
      .locator('[role="status"][aria-live="polite"]')
      .filter({ hasText: 'Er wacht 1 nieuw bericht op goedkeuring.' })
      .waitFor();
    const section = moderator.getByRole('region', { name: /Wacht op goedkeuring/ });
    const item = section.getByRole('article').filter({ hasText: title });
    await item.waitFor();
    await item.getByText(body).waitFor();
    await item.getByText('Nieuw gesprek:', { exact: false }).waitFor();
    await moderator.getByRole('heading', { level: 2, name: 'Meldingen' }).waitFor();
    expect(await item.getByRole('button', { name: /Mee eens|Niet mee eens/ }).count()).toBe(0);
    await expectNoSeriousAxeViolations(moderator);
    const before = await badgeCount(moderator);
    expect(before, 'the badge counts held items').toBeGreaterThan(0);

    await item.getByRole('button', { name: 'Goedkeuren', exact: true }).click();
    await item.waitFor({ state: 'detached' });
    await moderator
      .locator('[role="status"][aria-live="polite"]')
      .filter({ hasText: 'staat nu online' })
      .first()
      .waitFor();
    await expect.poll(() => badgeCount(moderator), { timeout: 2_000 }).toBe(before - 1);

    // Now everyone sees it: the guest's space page after a reload, its address, the other member too.
    await guest.reload();
    await guest.getByRole('link', { name: title }).first().waitFor();
    await guest.goto(`/draad/${threadId}`);
    await guest.getByRole('heading', { level: 1, name: title }).waitFor();
    await guest.getByText(body).waitFor();
    await other.goto(`/draad/${threadId}`);
    await other.getByRole('heading', { level: 1, name: title }).waitFor();

    // The author: the notice is gone and the notification says it is online.
    await author.reload();
    await author.getByText(body).waitFor();
    expect(await author.getByTestId('held-notice').count()).toBe(0);
    await author.goto('/meldingen');
    await author
      .getByTestId('notification-list')
      .getByRole('link', { name: `Je bericht in “${title}” is goedgekeurd en staat nu online` })
      .waitFor();
  }, 120_000);

  it('rejected with a reason in the queue: the author reads why through the notification and appeals', async () => {
    const stamp = Date.now().toString(36);
    const title = `Een vraag over medicijnen ${stamp}`;
    const body = `Welke ervaringen hebben jullie met dit middel? ${stamp}`;

    // Set-up: the new member's first thread through the API (held: 202).
    const author = await suite.open();
    await signUp(author.context().request, `afgewezen${stamp}`);
    const started = await author.context().request.post(`${suite.baseUrl}/api/spaces/${SPACE}/threads`, {
      data: { title, body, idempotencyKey: key() },
      headers: headers(),
    });
    expect(started.status(), await started.text()).toBe(202);
    const { thread } = (await started.json()) as { thread: { id: string } };

    // The moderator selects the item and rejects it with the keyboard ("w"), with a reason template.
    const moderator = await openQueue();
    const hint = moderator.getByText('Sneltoetsen: j/k');
    await hint.waitFor();
    const item = moderator
      .getByRole('region', { name: /Wacht op goedkeuring/ })
      .getByRole('article')
      .filter({ hasText: title });
    await item.getByRole('heading', { level: 3 }).click();
    await moderator.keyboard.press('w');
    const dialog = moderator.getByRole('dialog', { name: 'Bericht afwijzen' });
    await dialog.waitFor();
    await dialog.getByLabel('Kies een standaardreden').selectOption({ index: 1 });
    const reason = await dialog.getByRole('textbox', { name: 'Reden' }).inputValue();
    expect(reason.length).toBeGreaterThan(10);
    await expectNoSeriousAxeViolations(moderator);
    await dialog.getByRole('button', { name: 'Afwijzen met deze reden' }).click();
    await item.waitFor({ state: 'detached' });
    await moderator
      .locator('[role="status"][aria-live="polite"]')
      .filter({ hasText: 'de schrijver krijgt je reden te zien' })
      .first()
      .waitFor();

    // On a touch screen the queue shows no keyboard hints.
    const cdp = await moderator.context().newCDPSession(moderator);
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
    await moderator.reload();
    await moderator.getByRole('heading', { level: 1, name: /Moderatie/ }).waitFor();
    await hint.waitFor({ state: 'hidden' });
    expect(await moderator.evaluate(() => matchMedia('(hover: none), (pointer: coarse)').matches)).toBe(true);

    // Still invisible to a guest.
    const guest = await suite.open({ expectedFailedRequests: hiddenThread });
    await guest.goto(`/draad/${thread.id}`);
    await guest.getByRole('heading', { level: 1, name: 'Dit gesprek bestaat niet' }).waitFor();

    // The author still sees their own post, with what happened.
    await author.goto(`/draad/${thread.id}`);
    await author.getByText('Een moderator heeft dit bericht niet goedgekeurd.').waitFor();
    expect(await author.getByTestId('held-notice').count()).toBe(0);

    // The author: the notification leads to the reason and the appeal form.
    await author.goto('/meldingen');
    const list = author.getByTestId('notification-list');
    await list.getByText(`Reden van de moderator: ${reason}`).waitFor();
    await list.getByRole('link', { name: new RegExp(`Je bericht in “${title}” is niet geplaatst`) }).click();
    await author.getByRole('heading', { level: 1, name: 'Besluiten over mij' }).waitFor();
    const decision = author.getByRole('listitem').filter({ hasText: 'Een moderator heeft je bericht afgewezen' });
    await decision.getByText(`Reden: ${reason}`).waitFor();
    await expectNoSeriousAxeViolations(author);
    await decision.getByRole('button', { name: 'Bezwaar maken' }).click();
    await decision
      .getByLabel('Waarom ben je het niet eens met dit besluit?')
      .fill('Ik vroeg naar ervaringen, niet naar advies.');
    await decision.getByRole('button', { name: 'Bezwaar versturen' }).click();
    await decision.getByText('Je bezwaar is ontvangen en wordt bekeken.').waitFor();
  }, 120_000);
});
