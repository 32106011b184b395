/**
 * "Snel weg" leaves no trail: a signed-in member reading a space presses the button and lands on the
 * neutral page; Back leads to what was open before Kring (not to any Kring page of the visit), the
 * session cookie is gone and the drafts on the device are erased — unless the member chose on /hulp to
 * stay signed in on this device.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eApi } from './helpers/api';
import { visit } from './helpers/checks';
import { useE2eSuite } from './helpers/suite';

const QUICK_EXIT_URL = 'https://www.nu.nl/weer';
/** A page "before Kring" in the same tab. */
const EARLIER_URL = 'https://earlier.example/';
const MODERATOR = { username: 'demo-moderator', password: 'welkom-in-de-kring-moderatie' };
const DRAFT_KEY = 'kring.draft.reply.e2e-quick-exit';

const suite = useE2eSuite();
const { signIn } = e2eApi(suite);

async function openSignedIn(): Promise<Page> {
  // After the exit the member is a guest, and the app asks who is signed in when it starts.
  const page = await suite.open({ expectedFailedRequests: [/\/api\/me$/] });
  // The machine has no internet: answer the outside pages with a stub.
  await page.route(`${QUICK_EXIT_URL}**`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<title>Weer</title><h1>Het weer</h1>' }),
  );
  await page.route(`${EARLIER_URL}**`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<title>Eerder</title><h1>Eerder</h1>' }),
  );
  await signIn(page.context(), MODERATOR);
  return page;
}

async function sessionCookie(context: BrowserContext) {
  return (await context.cookies()).find((cookie) => cookie.name === 'kring_session');
}

/** From the directory to the Borstkanker space, inside the app (so the visit has several Kring entries). */
async function openSpaceFromDirectory(page: Page): Promise<void> {
  await page.getByRole('banner').getByRole('link', { name: 'Ruimtes' }).first().click();
  const main = page.getByRole('main');
  await main.getByRole('heading', { level: 2, name: 'Borstkanker' }).waitFor();
  await main.getByRole('link', { name: 'Borstkanker', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Borstkanker' }).waitFor();
}

async function plantDraft(page: Page): Promise<void> {
  await page.evaluate((key) => {
    localStorage.setItem(key, JSON.stringify({ body: 'Wat ik nog niemand vertelde', anonymous: false }));
    sessionStorage.setItem('kring.e2e', 'gelezen');
  }, DRAFT_KEY);
}

describe('"Snel weg"', () => {
  it('signs the member out, erases drafts, and Back skips every Kring page of the visit', async () => {
    const page = await openSignedIn();
    await page.goto(EARLIER_URL);
    await visit(page, '/');
    await openSpaceFromDirectory(page);
    await plantDraft(page);
    expect(await sessionCookie(page.context())).toBeDefined();

    await page.getByRole('banner').getByRole('link', { name: 'Snel weg' }).click();
    await page.waitForURL(QUICK_EXIT_URL);

    await page.goBack();
    expect(page.url()).toBe(EARLIER_URL);
    // The session ended on the server, which cleared the cookie.
    await expect.poll(() => sessionCookie(page.context())).toBeUndefined();

    // Whoever opens Kring next on this device finds no draft and no session.
    await visit(page, '/');
    expect(await page.evaluate((key) => localStorage.getItem(key), DRAFT_KEY)).toBeNull();
    expect(await page.evaluate(() => sessionStorage.getItem('kring.e2e'))).toBeNull();
    await page.getByRole('banner').getByRole('link', { name: 'Inloggen' }).waitFor();
  });

  it('keeps the member signed in on this device when they chose so on /hulp', async () => {
    const page = await openSignedIn();
    await page.goto(EARLIER_URL);
    await visit(page, '/hulp');
    const keep = page.getByRole('checkbox', { name: 'Op dit apparaat ingelogd blijven bij ‘Snel weg’' });
    await keep.check();
    await openSpaceFromDirectory(page);
    await plantDraft(page);

    await page.getByRole('banner').getByRole('link', { name: 'Snel weg' }).click();
    await page.waitForURL(QUICK_EXIT_URL);
    await page.goBack();
    expect(page.url()).toBe(EARLIER_URL);

    expect(await sessionCookie(page.context())).toBeDefined();
    const me = await page.context().request.get(`${suite.baseUrl}/api/me`);
    expect(me.status()).toBe(200);
    // Drafts go either way; the choice itself stays.
    await visit(page, '/hulp');
    expect(await page.evaluate((key) => localStorage.getItem(key), DRAFT_KEY)).toBeNull();
    expect(await keep.isChecked()).toBe(true);
  });
});
