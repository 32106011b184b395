/**
 * Safety in the composer, through the screens: crisis care (the helplines while typing, again beside the
 * published post, for the writer only), the personal-data warning with its two choices, e-mail addresses that
 * stay text, and the formatting toolbar. Set-up (signing in, a fresh thread) goes through the API; every step
 * under test is typed and clicked. Writers are the seeded demo accounts (a fresh sign-up's first posts are
 * held), the other reader is a fresh member.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoSeriousAxeViolations } from './helpers/checks';
import { e2eApi } from './helpers/api';
import { useE2eSuite } from './helpers/suite';

const ADMIN = { username: 'demo-beheerder', password: 'welkom-in-de-kring-beheer' };
const MODERATOR = { username: 'demo-moderator', password: 'welkom-in-de-kring-moderatie' };
const CRISIS = 'Ik wil niet meer leven. Ik denk aan zelfmoord.';

const suite = useE2eSuite();
const { signIn, signUp, headers } = e2eApi(suite);

async function openAs(who: { username: string; password: string }): Promise<Page> {
  const page = await suite.open();
  await signIn(page.context(), who);
  return page;
}

/** A fresh thread in the borstkanker space, started through the API (set-up only). */
async function freshThread(page: Page, title: string): Promise<string> {
  const response = await page.context().request.post(`${suite.baseUrl}/api/spaces/borstkanker/threads`, {
    data: { title, body: 'Hoe gaat het met jullie?', idempotencyKey: `e2e-${Date.now()}-${Math.random()}` },
    headers: headers(),
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { thread: { id: string } }).thread.id;
}

async function visitThread(page: Page, id: string): Promise<void> {
  const response = await page.goto(`/draad/${id}`);
  expect(response?.status()).toBe(200);
  await page.getByRole('article').first().waitFor();
}

describe('crisis care in the composer', () => {
  it('shows the helplines while typing a reply and beside the published post, to its writer only', async () => {
    const writer = await openAs(MODERATOR);
    const id = await freshThread(writer, 'Een zware week');
    await visitThread(writer, id);

    const body = writer.getByRole('textbox', { name: 'Je bericht' });
    await body.fill(CRISIS);
    const typing = writer.getByTestId('care-banner');
    await typing.getByText('Je staat er niet alleen voor').waitFor();
    expect(await typing.getByRole('link', { name: 'Bel 0800-0113' }).getAttribute('href')).toBe('tel:08000113');
    expect(await typing.getByRole('link', { name: 'Bel 112' }).getAttribute('href')).toBe('tel:112');
    expect(await typing.textContent()).toContain('Je mag het hier gewoon plaatsen');
    // Never blocking: the submit button stays usable.
    expect(await writer.getByRole('button', { name: 'Reactie plaatsen' }).isEnabled()).toBe(true);
    await expectNoSeriousAxeViolations(writer);

    await writer.getByRole('button', { name: 'Reactie plaatsen' }).click();
    const post = writer.getByRole('article').filter({ hasText: 'Ik denk aan zelfmoord' });
    await post.waitFor();
    await expect.poll(() => body.inputValue()).toBe('');
    // The care from the create response stays beside the published post.
    const after = writer.getByTestId('care-banner');
    await after.getByText('Fijn dat je dit hebt gedeeld.').waitFor();
    expect(await writer.getByTestId('care-banner').count()).toBe(1);
    expect(await after.getByRole('link', { name: 'Bel 0800-0113' }).count()).toBe(1);
    expect(await after.textContent()).toContain('Alleen jij ziet deze tips.');
    await expectNoSeriousAxeViolations(writer);

    // Another member reads the same post and sees no care banner anywhere.
    const reader = await suite.open();
    await signUp(reader.context().request, `lezer${Date.now().toString(36)}`);
    await visitThread(reader, id);
    await reader.getByRole('article').filter({ hasText: 'Ik denk aan zelfmoord' }).waitFor();
    await reader.getByRole('textbox', { name: 'Je bericht' }).waitFor();
    expect(await reader.getByTestId('care-banner').count()).toBe(0);
  });

  it('shows the helplines on the new-thread screen, for the title and the text', async () => {
    const page = await openAs(ADMIN);
    const response = await page.goto('/ruimtes/borstkanker/nieuw');
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { level: 1, name: 'Nieuw gesprek' }).waitFor();
    await page.getByRole('textbox', { name: 'Titel' }).fill('Ik denk aan zelfmoord');
    const banner = page.getByTestId('care-banner');
    await banner.getByRole('link', { name: 'Bel 0800-0113' }).waitFor();
    // The space's own helplines are shown (borstkanker adds the KWF line).
    await banner.getByRole('link', { name: 'Bel 0800-0226622' }).waitFor();

    await page.getByRole('textbox', { name: 'Titel' }).fill('Een gewone vraag');
    await page.getByRole('textbox', { name: 'Je bericht' }).fill('Wie herkent dit?');
    await expect.poll(() => page.getByTestId('care-banner').count()).toBe(0);
    await page.getByRole('textbox', { name: 'Je bericht' }).fill(CRISIS);
    await banner.waitFor();
    await expectNoSeriousAxeViolations(page);

    await page.getByRole('button', { name: 'Gesprek beginnen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Een gewone vraag' }).waitFor();
    await page.getByTestId('care-banner').getByText('Fijn dat je dit hebt gedeeld.').waitFor();
  });
});

describe('crisis care when editing', () => {
  it('shows the helplines in the edit form, holds a save with personal data, and keeps the care beside the post', async () => {
    const page = await openAs(MODERATOR);
    const id = await freshThread(page, 'Later aangevuld');
    await visitThread(page, id);

    const mine = page.getByRole('article').first();
    await mine.getByRole('button', { name: 'Meer' }).click();
    await mine.getByRole('menuitem', { name: 'Bewerken' }).click();
    const editor = page.getByRole('textbox', { name: 'Bericht 1 bewerken' });
    await editor.fill(`${CRISIS} Bel me: 06-12345678`);
    await page.getByTestId('care-banner').getByRole('link', { name: 'Bel 0800-0113' }).waitFor();
    const notice = page.getByTestId('personal-data-notice');
    await notice.getByText('In je tekst staat een telefoonnummer.').waitFor();

    await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
    await notice.getByRole('alert').waitFor();
    await notice.getByRole('button', { name: 'Toch plaatsen', exact: true }).click();
    await mine.getByText('(bewerkt)').waitFor();
    await page.getByTestId('care-banner').getByText('Fijn dat je dit hebt gedeeld.').waitFor();
    await expectNoSeriousAxeViolations(page);
  });
});

describe('the personal-data warning', () => {
  it('names what was found, holds the submit for a choice, and "Toch plaatsen" posts it without a mail link', async () => {
    const page = await openAs(MODERATOR);
    const id = await freshThread(page, 'Contact houden');
    await visitThread(page, id);

    const body = page.getByRole('textbox', { name: 'Je bericht' });
    const text = 'mail me op jan@example.nl of 06-12345678';
    await body.fill(text);
    const notice = page.getByTestId('personal-data-notice');
    await notice.getByText('In je tekst staat een e-mailadres en een telefoonnummer.').waitFor();
    expect(await notice.textContent()).toContain('niet helemaal terugnemen');
    await expectNoSeriousAxeViolations(page);

    // The submit waits for a choice and moves focus to the notice.
    await page.getByRole('button', { name: 'Reactie plaatsen' }).click();
    await notice.getByRole('alert').getByText('Kies eerst wat je wilt').waitFor();
    await expect.poll(() => notice.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await page.getByRole('article').filter({ hasText: 'jan@example.nl' }).count()).toBe(0);

    // "Aanpassen": back in the text field, the e-mail address selected.
    await notice.getByRole('button', { name: 'Aanpassen', exact: true }).click();
    await expect
      .poll(() =>
        body.evaluate((element) => {
          const field = element as HTMLTextAreaElement;
          return document.activeElement === field ? field.value.slice(field.selectionStart, field.selectionEnd) : null;
        }),
      )
      .toBe('jan@example.nl');
    expect(await notice.getByRole('alert').count()).toBe(0);

    // "Toch plaatsen" publishes; the e-mail address is text, not a link.
    await notice.getByRole('button', { name: 'Toch plaatsen', exact: true }).click();
    const post = page.getByRole('article').filter({ hasText: 'jan@example.nl' });
    await post.waitFor();
    expect(await post.locator('a[href^="mailto:"]').count()).toBe(0);
    expect(await post.getByRole('link', { name: 'jan@example.nl' }).count()).toBe(0);
    await expect.poll(() => page.getByTestId('personal-data-notice').count()).toBe(0);
    expect(await body.inputValue()).toBe('');
  });
});

describe('the formatting toolbar', () => {
  it('wraps a selected word in bold, by button and by Ctrl+I, and the anonymous box resets after posting', async () => {
    const page = await openAs(MODERATOR);
    const id = await freshThread(page, 'Opmaak proberen');
    await visitThread(page, id);

    const body = page.getByRole('textbox', { name: 'Je bericht' });
    await body.fill('een goede dag');
    await body.evaluate((element) => (element as HTMLTextAreaElement).setSelectionRange(4, 9));
    await page.getByRole('toolbar', { name: 'Opmaak' }).getByRole('button', { name: 'Vet', exact: true }).click();
    expect(await body.inputValue()).toBe('een **goede** dag');
    await body.evaluate((element) => (element as HTMLTextAreaElement).setSelectionRange(14, 17));
    await body.press('Control+i');
    expect(await body.inputValue()).toBe('een **goede** _dag_');

    const anonymous = page.getByRole('checkbox', { name: 'Anoniem plaatsen' });
    await anonymous.check();
    await page.getByRole('button', { name: 'Reactie plaatsen' }).click();
    const post = page.getByRole('article').filter({ hasText: 'een goede dag' });
    await post.locator('strong').getByText('goede').waitFor();
    await post.locator('em').getByText('dag').waitFor();
    await expect.poll(() => anonymous.isChecked()).toBe(false);
  });

  it('keeps the five buttons on one row on a 390 px phone', async () => {
    const page = await openAs(MODERATOR);
    await page.setViewportSize({ width: 390, height: 844 });
    const id = await freshThread(page, 'Opmaak op de telefoon');
    await visitThread(page, id);
    const toolbar = page.getByRole('toolbar', { name: 'Opmaak' });
    await toolbar.waitFor();
    const tops = await toolbar
      .getByRole('button')
      .evaluateAll((buttons) => buttons.map((button) => Math.round(button.getBoundingClientRect().top)));
    expect(tops).toHaveLength(5);
    expect(new Set(tops).size).toBe(1);
    const box = await toolbar.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(390);

    // Arrow keys move between the buttons.
    await toolbar.getByRole('button', { name: 'Vet', exact: true }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Schuin');
    await page.keyboard.press('End');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Link');
  });
});
