/**
 * The walking skeleton, end to end: the real server serves the built app under its strict CSP,
 * the safety features in the header work, the language switches, unknown paths get the 404 page,
 * and axe finds no serious or critical accessibility problems.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoSeriousAxeViolations, visit } from './helpers/checks';
import { useE2eSuite } from './helpers/suite';

const QUICK_EXIT_URL = 'https://www.nu.nl/weer';
/** A page "before Kring" in the same tab, to check that back does not lead into Kring. */
const EARLIER_URL = 'https://earlier.example/';

const suite = useE2eSuite();

async function open(options: Parameters<typeof suite.open>[0] = {}): Promise<Page> {
  const page = await suite.open(options);
  // The machine has no internet: answer the outside pages the tests visit with a stub.
  await page.route(`${QUICK_EXIT_URL}**`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<title>Weer</title><h1>Het weer</h1>' }),
  );
  await page.route(`${EARLIER_URL}**`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<title>Eerder</title><h1>Eerder</h1>' }),
  );
  return page;
}

/** Opens a Kring path and waits until the SPA has booted and rendered the page's heading. */
describe('the web shell', () => {
  it('serves the app under a CSP that allows scripts from its own origin only', async () => {
    const response = await fetch(`${suite.baseUrl}/`);
    const csp = response.headers.get('content-security-policy') ?? '';
    const scriptSrc = csp
      .split(';')
      .map((directive) => directive.trim())
      .find((directive) => directive.startsWith('script-src '));
    expect(scriptSrc).toBe("script-src 'self'");
    // The built page has no inline script (the build moves SvelteKit's bootstrap into a file).
    expect(await response.text()).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('boots on the home page with the safety links in the header', async () => {
    const page = await open();
    await visit(page, '/');
    await expect.poll(() => page.title()).toContain('Kring');

    const header = page.getByRole('banner');
    const help = header.getByRole('link', { name: 'Direct hulp nodig?' });
    await expect.poll(() => help.getAttribute('href')).toBe('/hulp');
    const exit = header.getByRole('link', { name: 'Snel weg' });
    await expect.poll(() => exit.getAttribute('href')).toBe(QUICK_EXIT_URL);
    await expect.poll(() => exit.getAttribute('rel')).toContain('noreferrer');

    // The directory answers with spaces or with its empty state, never with an error.
    const main = page.getByRole('main');
    await main.getByRole('listitem').or(main.getByText('Ruimtes verschijnen hier')).first().waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
  });

  it('"Snel weg" replaces the Kring page in the history', async () => {
    const page = await open();
    await page.goto(EARLIER_URL);
    await visit(page, '/');
    const lengthBefore = await page.evaluate(() => history.length);

    await page.getByRole('link', { name: 'Snel weg' }).click();
    await page.waitForURL(QUICK_EXIT_URL);

    // location.replace swaps the entry: the history did not grow, and back skips Kring.
    expect(await page.evaluate(() => history.length)).toBe(lengthBefore);
    await page.goBack();
    expect(page.url()).toBe(EARLIER_URL);
  });

  it('pressing Escape twice quickly leaves too', async () => {
    const page = await open();
    await visit(page, '/');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.waitForURL(QUICK_EXIT_URL);
  });

  it('switches to English and remembers the choice', async () => {
    const page = await open();
    await visit(page, '/');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Welcome to Kring' }).waitFor();
    await page.getByRole('link', { name: 'Need help now?' }).first().waitFor();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Welcome to Kring' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });

  it('speaks English on a first visit from a browser set to English', async () => {
    const page = await open({ locale: 'en-GB' });
    await visit(page, '/');
    await page.getByRole('heading', { level: 1, name: 'Welcome to Kring' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });

  it('shows a friendly 404 page with a way home', async () => {
    // The browser logs the document's 404 as a failed resource: expected here.
    const page = await open({ expectedFailedRequests: [/\/deze-pagina-bestaat-echt-niet$/] });
    // An unknown page answers HTTP 404 (for links, crawlers and checks), with the app's own page.
    const response = await page.goto('/deze-pagina-bestaat-echt-niet');
    expect(response?.status()).toBe(404);
    await page.getByRole('heading', { level: 1, name: 'Deze pagina bestaat niet' }).waitFor();
    await page.getByRole('link', { name: 'Terug naar de startpagina' }).click();
    await page.getByRole('heading', { level: 1, name: 'Welkom bij Kring' }).waitFor();
  });

  it('lists the helplines on /hulp', async () => {
    const page = await open();
    await visit(page, '/');
    await page.getByRole('banner').getByRole('link', { name: 'Direct hulp nodig?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Direct hulp nodig?' }).waitFor();
    const main = page.getByRole('main');
    await expect.poll(() => main.getByRole('link', { name: /0800-0113/ }).getAttribute('href')).toBe('tel:08000113');
    await main.getByRole('link', { name: /112/ }).waitFor();
    await main.getByRole('heading', { name: 'Huisartsenpost' }).waitFor();
  });

  it('the skip link moves focus to the main content', async () => {
    const page = await open();
    await visit(page, '/');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Naar de inhoud' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('inhoud');
  });

  describe('accessibility (axe: no serious or critical violations)', () => {
    for (const path of ['/', '/hulp', '/ruimtes']) {
      it(`${path} in Dutch`, async () => {
        const page = await open();
        await visit(page, path);
        await expectNoSeriousAxeViolations(page);
      });
    }

    it('the 404 page in Dutch', async () => {
      // An unknown page answers 404 (the browser logs the document's status as a failed resource).
      const page = await open({ expectedFailedRequests: [/\/bestaat-niet$/] });
      expect((await page.goto('/bestaat-niet'))?.status()).toBe(404);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await expectNoSeriousAxeViolations(page);
    });

    it('/ in English', async () => {
      const page = await open();
      await visit(page, '/');
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Welcome to Kring' }).waitFor();
      await expectNoSeriousAxeViolations(page);
    });
  });
});
