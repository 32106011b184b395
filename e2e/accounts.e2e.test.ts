/**
 * Accounts end to end: sign up (with a suggested pseudonym and the strength meter) → see and download
 * the recovery codes → log out → a wrong password → log in → log out → recover with a code → the
 * account page. axe finds no serious or critical problems on any of these screens.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoSeriousAxeViolations, visit } from './helpers/checks';
import { useE2eSuite } from './helpers/suite';

const PASSWORD = 'zachte regen op het dak 7';
const NEW_PASSWORD = 'de zee is vandaag heel kalm';

const suite = useE2eSuite();

// Until the spaces API exists the directory shows its empty state; a wrong password is a 401 the form shows.
const open = () => suite.open({ expectedFailedRequests: [/\/api\/spaces$/, /\/api\/auth\/login$/] });

async function logOut(page: Page, username: string): Promise<void> {
  const header = page.getByRole('banner');
  await header.getByRole('button', { name: `Account: ${username}` }).click();
  await header.getByRole('button', { name: 'Uitloggen' }).click();
  await header.getByRole('link', { name: 'Inloggen' }).waitFor();
}

describe('accounts', () => {
  it('sign up → recovery codes → log out → log in → recover with a code', async () => {
    const page = await open();
    await visit(page, '/');
    const header = page.getByRole('banner');
    await header.getByRole('link', { name: 'Aanmelden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Aanmelden' }).waitFor();
    await page.getByRole('heading', { name: 'Waarom een schuilnaam?' }).waitFor();
    await expectNoSeriousAxeViolations(page);

    // A suggested pseudonym fills the field.
    const suggestion = page.getByRole('button', { name: /^Kies / }).first();
    const suggested = ((await suggestion.textContent()) ?? '').trim();
    expect(suggested).toMatch(/^\p{Lu}\p{Ll}+_\p{Lu}\p{Ll}+(\d\d)?$/u);
    await suggestion.click();
    const usernameField = page.getByLabel('Schuilnaam', { exact: true });
    expect(await usernameField.inputValue()).toBe(suggested);
    const username = suggested;

    // The meter judges while typing: a common password first, then a good one.
    const passwordField = page.getByLabel('Wachtwoord', { exact: true });
    await passwordField.fill('wachtwoord123');
    await page.getByText(/te makkelijk te raden/).waitFor();
    await passwordField.fill(PASSWORD);
    await page.getByText(/Sterkte: (goed|sterk)\.$/).waitFor();

    // Submitting without the agreements explains what is missing.
    await page.getByRole('button', { name: 'Account aanmaken' }).click();
    await page.getByText('Vink alle drie de afspraken aan').waitFor();
    await page.getByLabel('Ik ben 16 jaar of ouder.').check();
    await page.getByLabel('Ik houd me aan de huisregels.').check();
    await page.getByLabel(/Ik geef uitdrukkelijk toestemming/).check();
    await page.getByRole('button', { name: 'Account aanmaken' }).click();

    // The codes, once, with a download and a confirmation.
    await page.getByRole('heading', { level: 1, name: 'Bewaar je herstelcodes' }).waitFor();
    const codes = (await page.getByRole('list', { name: 'Jouw herstelcodes' }).locator('code').allTextContents()).map(
      (c) => c.trim(),
    );
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    await expectNoSeriousAxeViolations(page);

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download als tekstbestand' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('kring-herstelcodes.txt');
    const file = await readFile((await download.path()) ?? '', 'utf8');
    for (const code of codes) expect(file).toContain(code);
    expect(file).toContain(username);

    const proceed = page.getByRole('button', { name: 'Verder naar Kring' });
    expect(await proceed.isDisabled()).toBe(true);
    await page.getByLabel('Ik heb mijn herstelcodes bewaard.').check();
    await proceed.click();
    await page.getByRole('heading', { level: 1, name: 'Welkom bij Kring' }).waitFor();
    await header.getByRole('button', { name: `Account: ${username}` }).waitFor();

    // Log out through the header menu.
    await logOut(page, username);

    // A wrong password is explained; the right one signs in.
    await header.getByRole('link', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    await expectNoSeriousAxeViolations(page);
    await page.getByLabel('Schuilnaam', { exact: true }).fill(username);
    await page.getByLabel('Wachtwoord', { exact: true }).fill('dit is het verkeerde wachtwoord');
    await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await page.getByText('Deze schuilnaam en dit wachtwoord horen niet bij elkaar.').waitFor();
    await page.getByLabel('Wachtwoord', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Welkom bij Kring' }).waitFor();
    await header.getByRole('button', { name: `Account: ${username}` }).waitFor();

    // Forgot the password: recover with one of the codes.
    await logOut(page, username);
    await header.getByRole('link', { name: 'Inloggen' }).click();
    await page.getByRole('link', { name: 'Gebruik een herstelcode' }).click();
    await page.getByRole('heading', { level: 1, name: 'Wachtwoord herstellen' }).waitFor();
    await expectNoSeriousAxeViolations(page);
    await page.getByLabel('Schuilnaam', { exact: true }).fill(username);
    await page.getByLabel('Herstelcode').fill((codes[4] ?? '').toUpperCase());
    await page.getByLabel('Nieuw wachtwoord').fill(NEW_PASSWORD);
    await page.getByText(/Sterkte: (goed|sterk)\.$/).waitFor();
    await page.getByRole('button', { name: 'Nieuw wachtwoord instellen' }).click();
    await page.getByText('Je wachtwoord is gewijzigd en je bent ingelogd.').waitFor();
    await page.getByText('Je hebt nog 9 herstelcodes.').waitFor();
    await header.getByRole('button', { name: `Account: ${username}` }).waitFor();

    // The account page shows this device and the remaining codes.
    await page.getByRole('link', { name: 'Naar je account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Je account' }).waitFor();
    await page.getByText('Dit apparaat', { exact: true }).waitFor();
    await page.getByText('Je bent alleen op dit apparaat ingelogd.').waitFor();
    await page.getByText('Je hebt nog 9 ongebruikte herstelcodes.').waitFor();
    await expectNoSeriousAxeViolations(page);
  });

  it('the account page in English, keyboard only: change the language and delete the account', async () => {
    const page = await open();
    // Sign up through the API in this browser context (same origin, so the cookie is set).
    await visit(page, '/');
    const username = `Toetsenbord_${Math.floor(Math.random() * 1e6)}`;
    const status = await page.evaluate(
      async ([name, password]) => {
        const response = await fetch('/api/auth/signup', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            username: name,
            password,
            ageConfirmed: true,
            acceptRules: true,
            consentHealthData: true,
          }),
        });
        return response.status;
      },
      [username, PASSWORD] as const,
    );
    expect(status).toBe(201);
    await visit(page, '/account');
    await page.getByRole('heading', { level: 1, name: 'Je account' }).waitFor();

    // Language, by keyboard: focus the English radio, select it, save.
    await page.getByRole('radio', { name: 'English' }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('region', { name: 'Taal' }).getByRole('button', { name: 'Opslaan' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await expectNoSeriousAxeViolations(page);

    // The language is stored on the account: a reload stays English.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();

    // Delete, anonymously keeping the posts.
    const region = page.getByRole('region', { name: 'Delete account' });
    await region.getByRole('radio', { name: /Leave them anonymously/ }).check();
    await region.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await region.getByLabel('I understand that this cannot be undone.').check();
    await region.getByRole('button', { name: 'Delete account permanently' }).click();
    await page.getByText('Your account has been deleted.').waitFor();
    await page.getByRole('banner').getByRole('link', { name: 'Log in' }).waitFor();
    // The cookie no longer signs anyone in (asked the way the app asks, so no 401 lands in the console).
    const session = await page.evaluate(async () => (await fetch('/api/auth/session')).json() as Promise<unknown>);
    expect(session).toEqual({ user: null });
  });

  it('sign-up marks every missing field and moves focus to the first', async () => {
    const page = await open();
    await visit(page, '/aanmelden');
    const suggestions = await page.getByRole('button', { name: /^Kies / }).allTextContents();
    await page.getByRole('button', { name: 'Account aanmaken' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('signup-username');
    // Pseudonym, password and the three agreements.
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(5);
    expect(await page.getByText('Vink dit aan om verder te gaan.').count()).toBe(3);
    await page.getByText('Kies een wachtwoord.').waitFor();
    // The suggested pseudonyms stayed put while the form was corrected.
    expect(await page.getByRole('button', { name: /^Kies / }).allTextContents()).toEqual(suggestions);
  });

  it('a guest who meets a space that may be for members only is offered signing in, and comes back', async () => {
    // The space's own request answers 404 (it does not exist, or not for a guest): the page handles it.
    const page = await suite.open({ expectedFailedRequests: [/\/api\/spaces\/alleen-voor-leden/] });
    await visit(page, '/ruimtes/alleen-voor-leden');
    const hint = page.getByRole('region', { name: 'Alleen voor leden?' });
    await hint.waitFor();
    expect(await hint.getByRole('link', { name: 'Inloggen' }).getAttribute('href')).toBe(
      `/inloggen?next=${encodeURIComponent('/ruimtes/alleen-voor-leden')}`,
    );
  });

  for (const path of ['/aanmelden', '/inloggen', '/herstellen', '/account']) {
    it(`${path} has no serious accessibility problems for a guest`, async () => {
      const page = await open();
      await visit(page, path);
      await expectNoSeriousAxeViolations(page);
    });
  }
});
