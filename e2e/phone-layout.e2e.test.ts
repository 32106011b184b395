/**
 * Kring on a 390 × 844 phone: the header is one short row (logo, menu, "Direct hulp nodig?", "Snel weg")
 * with search, language and account behind the menu button; a space page shows its first conversation
 * above the fold (rules, moderators and helplines fold out below); a post's actions share one row, with
 * "Melden" and the rest behind "Meer"; and the screens are axe clean in the light and the dark theme.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eApi } from './helpers/api';
import { expectNoSeriousAxeViolations, visit } from './helpers/checks';
import { useE2eSuite } from './helpers/suite';

const PHONE = { width: 390, height: 844 };
/** A moderator of Borstkanker: their posts carry "Modereren" as well. */
const MODERATOR = { username: 'demo-moderator', password: 'welkom-in-de-kring-moderatie' };

const suite = useE2eSuite();
const { signIn, signUp } = e2eApi(suite);
let members = 0;

/** A phone page for a guest, a fresh member or the space's moderator. */
async function openPhone(who: 'guest' | 'member' | 'moderator'): Promise<Page> {
  const page = await suite.open({ expectedFailedRequests: who === 'guest' ? [/\/api\/me$/] : [] });
  await page.setViewportSize(PHONE);
  if (who === 'moderator') await signIn(page.context(), MODERATOR);
  if (who === 'member') {
    members += 1;
    await signUp(page.context().request, `telefoon${Date.now() % 100_000}${members}`);
  }
  return page;
}

/** The seeded Borstkanker conversation with the most replies. */
async function busiestThread(): Promise<{ id: string; title: string; replyCount: number }> {
  const response = await fetch(`${suite.baseUrl}/api/spaces/borstkanker/threads`);
  expect(response.status).toBe(200);
  const { items } = (await response.json()) as { items: { id: string; title: string; replyCount: number }[] };
  const busiest = [...items].sort((a, b) => b.replyCount - a.replyCount)[0];
  if (!busiest) throw new Error('the demo seed has no conversation in Borstkanker');
  return busiest;
}

async function box(locator: Locator) {
  const bounds = await locator.boundingBox();
  expect(bounds, `bounding box of ${locator.toString()}`).not.toBeNull();
  return bounds!;
}

describe('on a 390 × 844 phone', () => {
  it('the header is one row of at most 20% of the screen, with the rest behind "Menu"', async () => {
    const page = await openPhone('member');
    await visit(page, '/ruimtes');
    const header = page.getByRole('banner');
    await header.getByRole('link', { name: 'Snel weg' }).waitFor();
    await header.getByRole('link', { name: 'Direct hulp nodig?' }).waitFor();
    expect((await box(header)).height).toBeLessThanOrEqual(PHONE.height * 0.2);

    // Search and the account wait behind the menu button.
    const search = header.getByRole('searchbox');
    expect(await search.isVisible()).toBe(false);
    const menu = header.getByRole('button', { name: /^Menu/ });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await search.waitFor();
    await header.getByRole('button', { name: /^Account: telefoon/ }).waitFor();
    await header.getByRole('group', { name: 'Taal' }).waitFor();
    await expectNoSeriousAxeViolations(page);

    // Escape closes it and gives focus back to the button.
    await page.keyboard.press('Escape');
    await search.waitFor({ state: 'hidden' });
    expect(await menu.evaluate((element) => element === document.activeElement)).toBe(true);
    // That Escape closed the menu; it did not count towards leaving with "Escape twice".
    await page.keyboard.press('Escape');
    expect(new URL(page.url()).pathname).toBe('/ruimtes');
  });

  it('a space page shows its first conversation above the fold; rules, moderators and helplines fold out', async () => {
    const page = await openPhone('guest');
    await visit(page, '/ruimtes/borstkanker');
    const main = page.getByRole('main');
    const list = main.getByRole('region', { name: 'Gesprekken' }).getByRole('list').last();
    const first = list.getByRole('listitem').first().getByRole('link').first();
    await first.waitFor();
    const bounds = await box(first);
    expect(bounds.y + bounds.height).toBeLessThanOrEqual(PHONE.height);

    // The helplines are one tap away.
    const helplines = main.getByText('Hulplijnen', { exact: true });
    const call = main.getByRole('link', { name: 'Bel 0800-0113' });
    expect(await call.isVisible()).toBe(false);
    await helplines.click();
    await call.waitFor();
    await expectNoSeriousAxeViolations(page);
  });

  it("a post's actions share one row, for a member and for a moderator", async () => {
    const thread = await busiestThread();
    for (const who of ['member', 'moderator'] as const) {
      const page = await openPhone(who);
      await visit(page, `/draad/${thread.id}`);
      const posts = page.getByRole('main').getByRole('article');
      await posts.nth(thread.replyCount).waitFor();
      for (const post of await posts.all()) {
        const buttons = await post.getByRole('button').all();
        expect(buttons.length, 'every post has at least "Meer"').toBeGreaterThan(0);
        const tops = await Promise.all(buttons.map(async (button) => (await box(button)).y));
        expect(Math.max(...tops) - Math.min(...tops), `${who}: button tops ${tops.join(', ')}`).toBeLessThanOrEqual(4);
      }
    }
  });

  it('"Meer" is a menu button; its "Melden" opens the report dialog', async () => {
    const page = await openPhone('member');
    const thread = await busiestThread();
    expect(thread.replyCount).toBeGreaterThanOrEqual(2);
    await visit(page, `/draad/${thread.id}`);
    const posts = page.getByRole('main').getByRole('article');
    await posts.nth(thread.replyCount).waitFor();

    const other = posts.filter({ hasNot: page.getByText('(jij)') }).first();
    const more = other.getByRole('button', { name: 'Meer' });
    expect(await more.getAttribute('aria-haspopup')).toBe('menu');
    await more.click();
    const menu = other.getByRole('menu');
    await menu.waitFor();
    // Opening moves focus into the menu; Escape closes it and focus returns to "Meer".
    await expect.poll(() => menu.evaluate((element) => element.contains(document.activeElement))).toBe(true);
    await expectNoSeriousAxeViolations(page);
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });
    expect(await more.evaluate((element) => element === document.activeElement)).toBe(true);

    await more.click();
    await menu.getByRole('menuitem', { name: 'Melden' }).click();
    const dialog = page.getByRole('dialog', { name: 'Bericht melden' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await more.evaluate((element) => element === document.activeElement)).toBe(true);
  });

  it('is axe clean in the dark theme too', async () => {
    const page = await openPhone('member');
    await page.emulateMedia({ colorScheme: 'dark' });
    await visit(page, '/ruimtes/borstkanker');
    // The dark tokens are in use.
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('dark');
    await page.getByRole('main').getByRole('region', { name: 'Gesprekken' }).getByRole('listitem').first().waitFor();
    await expectNoSeriousAxeViolations(page);

    const thread = await busiestThread();
    await visit(page, `/draad/${thread.id}`);
    await page.getByRole('main').getByRole('article').first().waitFor();
    await expectNoSeriousAxeViolations(page);
    await page.getByRole('banner').getByRole('button', { name: /^Menu/ }).click();
    await expectNoSeriousAxeViolations(page);
  });

  it('after moving to another page, focus is on its heading', async () => {
    const page = await openPhone('guest');
    await visit(page, '/ruimtes');
    await page.getByRole('main').getByRole('link', { name: 'Borstkanker', exact: true }).click();
    const heading = page.getByRole('heading', { level: 1, name: 'Borstkanker' });
    await heading.waitFor();
    await expect.poll(() => heading.evaluate((element) => element === document.activeElement)).toBe(true);
  });
});
