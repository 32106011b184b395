/** Checks e2e files make on their pages: serious accessibility problems, visiting a page, the moderation badge. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** axe-core on the current page: no `serious` or `critical` violation. */
export async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, `axe on ${page.url()}`).toEqual([]);
}

/** Opens a path (200) and waits until the page has its heading. */
export async function visit(page: Page, path: string): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status(), `GET ${path}`).toBe(200);
  await page.getByRole('heading', { level: 1 }).waitFor();
}

/** The number in the header's "Moderatie" link (its accessible name says how many items are open). */
export async function moderationBadgeCount(page: Page): Promise<number> {
  const name =
    (await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: /^Moderatie/ })
      .getAttribute('aria-label')) ?? '';
  const match = /(\d+) open/.exec(name);
  return match ? Number(match[1]) : 0;
}
