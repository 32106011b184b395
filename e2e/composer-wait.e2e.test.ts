/**
 * The first-day wait, through the reply composer: a new member's second post within the interval is refused
 * with 429 and Retry-After, and the composer says how long ("probeer het over 1 minuut en 40 seconden"), counts
 * down live and keeps the text. This file's server runs with the write limits on, a 100-second first-day
 * interval and no held first posts (so the first reply is published at once).
 */
import { describe, expect, it } from 'vitest';
import { e2eApi } from './helpers/api';
import { useE2eSuite } from './helpers/suite';

const suite = useE2eSuite({
  KRING_RATE_LIMITS: 'on',
  KRING_NEW_MEMBER_POST_INTERVAL_SECONDS: '100',
  KRING_NEW_MEMBER_HELD_POSTS: '0',
});
const { signUp } = e2eApi(suite);

describe('the first-day wait', () => {
  it('says how long to wait, counts down, and keeps the text', async () => {
    // The refused second reply is expected (429); the page handles it.
    const page = await suite.open({ expectedFailedRequests: [/\/api\/threads\/[^/]+\/posts$/] });
    await signUp(page.context().request, `nieuw${Date.now().toString(36)}`);
    const threads = await fetch(`${suite.baseUrl}/api/spaces/borstkanker/threads`);
    const [thread] = ((await threads.json()) as { items: { id: string }[] }).items;
    if (!thread) throw new Error('the seed has no borstkanker thread');
    const response = await page.goto(`/draad/${thread.id}`);
    expect(response?.status()).toBe(200);

    const body = page.getByRole('textbox', { name: 'Je bericht' });
    const submit = page.getByRole('button', { name: 'Reactie plaatsen' });
    await body.fill('Mijn eerste reactie hier');
    await submit.click();
    await page.getByRole('article').filter({ hasText: 'Mijn eerste reactie hier' }).waitFor();

    await body.fill('En meteen nog een');
    await submit.click();
    const message = page.getByText(/Je tekst is bewaard; probeer het over 1 minuut en \d+ seconden\./);
    await message.waitFor();
    const first = await message.textContent();
    const seconds = Number(/1 minuut en (\d+) seconden/.exec(first ?? '')?.[1]);
    expect(seconds).toBeGreaterThan(20);
    expect(seconds).toBeLessThanOrEqual(40);
    // It counts down while the member waits.
    await expect.poll(() => message.textContent(), { timeout: 5_000 }).not.toBe(first);
    expect(await body.inputValue()).toBe('En meteen nog een');
    expect(await page.getByRole('article').filter({ hasText: 'En meteen nog een' }).count()).toBe(0);
  });
});
