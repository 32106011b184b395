/**
 * The spaces directory and a space's page, as a guest: the seeded public spaces are listed with their
 * descriptions, search narrows the list (and is announced), a space's page shows its rules and helplines,
 * and a space a guest may not see looks exactly like one that does not exist.
 *
 * Signed-in flows (asking to join, moderators' requests, the admin screens) need login, which arrives with the
 * accounts feature; they are covered by the integration tests until then.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoSeriousAxeViolations, visit } from './helpers/checks';
import { useE2eSuite } from './helpers/suite';

const suite = useE2eSuite();
const open = (expectedFailedRequests: RegExp[] = []) => suite.open({ expectedFailedRequests });

const cardTitles = (page: Page) => page.getByRole('main').getByRole('article').getByRole('heading').allTextContents();

describe('the spaces directory (guest)', () => {
  it('lists the public spaces only, with descriptions and activity', async () => {
    const page = await open();
    await visit(page, '/ruimtes');
    const main = page.getByRole('main');
    await main.getByRole('heading', { level: 2, name: 'Borstkanker' }).waitFor();
    expect(await cardTitles(page)).toEqual(['Borstkanker', 'Tinnitus']);
    await main.getByText('Oorsuizen, piepen of ruisen: tips, steun en herkenning van lotgenoten.').waitFor();
    // Each card shows the space's activity as the API counts it (the demo seed has conversations in both).
    const listed = (await (await page.request.get('/api/spaces')).json()) as {
      items: { name: string; threadCount: number; postCount: number }[];
    };
    for (const space of listed.items) {
      const card = main.getByRole('article').filter({ has: page.getByRole('heading', { name: space.name }) });
      const expected =
        space.threadCount === 0
          ? 'nog geen gesprekken'
          : `${space.threadCount} ${space.threadCount === 1 ? 'gesprek' : 'gesprekken'} · ${space.postCount} ${space.postCount === 1 ? 'bericht' : 'berichten'}`;
      expect((await card.textContent())?.replace(/\s+/g, ' ')).toContain(expected);
    }
    // Registered and closed spaces are not shown to guests at all, and guests get no join buttons.
    expect(await main.getByText('Mantelzorg', { exact: true }).count()).toBe(0);
    expect(await main.getByText('Rouw na verlies', { exact: true }).count()).toBe(0);
    expect(await main.getByRole('button', { name: /Toegang vragen/ }).count()).toBe(0);
  });

  it('searches as you type, ignoring case and accents, and announces the result', async () => {
    const page = await open();
    await visit(page, '/ruimtes');
    await page.getByRole('heading', { level: 2, name: 'Borstkanker' }).waitFor();

    const search = page.getByRole('searchbox', { name: 'Zoek een ruimte' });
    await search.fill('OORSUIZEN');
    const status = page.getByRole('status').filter({ hasText: 'gevonden' });
    await expect.poll(() => status.textContent()).toBe('1 ruimte gevonden');
    expect(await cardTitles(page)).toEqual(['Tinnitus']);

    await search.fill('behandéling');
    await expect.poll(() => cardTitles(page)).toEqual(['Borstkanker']);

    await search.fill('xyzzy');
    await page
      .getByRole('main')
      .getByText('Geen ruimte gevonden voor ‘xyzzy’. Probeer een ander woord.')
      .first()
      .waitFor();

    // Enter searches straight away; an empty search shows everything again.
    await search.fill('');
    await search.press('Enter');
    await expect.poll(() => cardTitles(page)).toEqual(['Borstkanker', 'Tinnitus']);
  });

  it("opens a space's page with its rules, moderators and helplines", async () => {
    const page = await open();
    await visit(page, '/ruimtes');
    await page.getByRole('link', { name: 'Tinnitus' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tinnitus' }).waitFor();
    await expect.poll(() => page.title()).toContain('Tinnitus');
    const main = page.getByRole('main');
    // Rules, moderators and helplines fold out below the conversations.
    await main.getByRole('heading', { name: 'Gesprekken' }).waitFor();
    for (const fold of ['Huisregels', 'Moderatoren', 'Hulplijnen']) await main.getByText(fold, { exact: true }).click();
    await main
      .getByText('Zolang je nieuw bent, bekijkt een moderator je berichten voordat ze verschijnen.', { exact: false })
      .waitFor();
    await main.getByText('demo-moderator').waitFor();
    await expect
      .poll(() => main.getByRole('link', { name: 'Bel 0800-0113' }).getAttribute('href'))
      .toBe('tel:08000113');
    expect(await main.getByRole('link', { name: 'Ruimte beheren' }).count()).toBe(0);
  });

  it('a closed space looks like one that does not exist', async () => {
    const page = await open([/\/api\/spaces\/(rouw-na-verlies|bestaat-niet)$/]);
    for (const path of ['/ruimtes/rouw-na-verlies', '/ruimtes/bestaat-niet']) {
      await visit(page, path);
      await page
        .getByRole('heading', { level: 1, name: 'Deze ruimte bestaat niet of is niet voor jou open' })
        .waitFor();
      expect(await page.getByRole('main').getByText('Rouw na verlies').count()).toBe(0);
    }
    await page.getByRole('link', { name: 'Naar alle ruimtes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ruimtes' }).waitFor();
  });

  it('admin screens tell a guest they are for admins only', async () => {
    const page = await open();
    await visit(page, '/beheer/ruimtes');
    await page.getByText('Deze pagina is alleen voor beheerders.').waitFor();
    expect(await page.getByRole('banner').getByRole('link', { name: 'Beheer' }).count()).toBe(0);
  });

  it('works in English too', async () => {
    const page = await open();
    await visit(page, '/ruimtes');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Spaces' }).waitFor();
    await page.getByRole('searchbox', { name: 'Find a space' }).fill('tinnitus');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'found' }).textContent()).toBe('1 space found');
    await expect
      .poll(async () => (await page.getByRole('main').getByRole('article').textContent())?.replace(/\s+/g, ' '))
      .toMatch(/\d+ conversations? · \d+ posts?/);
  });

  describe('accessibility (axe: no serious or critical violations)', () => {
    it('/ruimtes with results and after a search', async () => {
      const page = await open();
      await visit(page, '/ruimtes');
      await page.getByRole('heading', { level: 2, name: 'Borstkanker' }).waitFor();
      await expectNoSeriousAxeViolations(page);
      await page.getByRole('searchbox', { name: 'Zoek een ruimte' }).fill('xyzzy');
      await page
        .getByRole('main')
        .getByText('Geen ruimte gevonden voor ‘xyzzy’. Probeer een ander woord.')
        .first()
        .waitFor();
      await expectNoSeriousAxeViolations(page);
    });

    it('a space page', async () => {
      const page = await open();
      await visit(page, '/ruimtes/borstkanker');
      await page.getByRole('heading', { level: 1, name: 'Borstkanker' }).waitFor();
      await expectNoSeriousAxeViolations(page);
    });
  });
});
