import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentChecker, EMPTY_CHECK, locatePersonalData, unacknowledged, type CheckResult } from './content-check';

const crisis: CheckResult = { crisis: { helplines: [{ name: '113', phone: '0800-0113' }] }, personalData: [] };
const email: CheckResult = { crisis: null, personalData: ['email'] };

/** A request whose answers the test hands out by hand, recording what was asked and aborted. */
function controlledRequest() {
  const calls: {
    text: string;
    signal: AbortSignal;
    resolve: (r: CheckResult) => void;
    reject: (e: unknown) => void;
  }[] = [];
  const request = (text: string, signal: AbortSignal) =>
    new Promise<CheckResult>((resolve, reject) => {
      calls.push({ text, signal, resolve, reject });
    });
  return { calls, request };
}

describe('ContentChecker', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('waits until the writer pauses, then checks only the latest text once', async () => {
    const { calls, request } = controlledRequest();
    const results: CheckResult[] = [];
    const checker = new ContentChecker({ request, onresult: (r) => results.push(r), delayMs: 600 });
    checker.schedule('Ik');
    await vi.advanceTimersByTimeAsync(300);
    checker.schedule('Ik wil');
    await vi.advanceTimersByTimeAsync(300);
    checker.schedule('Ik wil niet meer leven');
    await vi.advanceTimersByTimeAsync(599);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.map((c) => c.text)).toEqual(['Ik wil niet meer leven']);
    calls[0]?.resolve(crisis);
    await vi.runAllTimersAsync();
    expect(results).toEqual([crisis]);
  });

  it('aborts a request for an older text and ignores its late answer', async () => {
    const { calls, request } = controlledRequest();
    const results: CheckResult[] = [];
    const checker = new ContentChecker({ request, onresult: (r) => results.push(r), delayMs: 600 });
    checker.schedule('mail me op jan@example.nl');
    await vi.advanceTimersByTimeAsync(600);
    checker.schedule('Ik wil niet meer leven');
    await vi.advanceTimersByTimeAsync(600);
    expect(calls).toHaveLength(2);
    expect(calls[0]?.signal.aborted).toBe(true);
    expect(calls[1]?.signal.aborted).toBe(false);
    calls[1]?.resolve(crisis);
    calls[0]?.resolve(email);
    await vi.runAllTimersAsync();
    expect(results).toEqual([crisis]);
  });

  it('stays silent when a check fails (offline, server error)', async () => {
    const { calls, request } = controlledRequest();
    const onresult = vi.fn();
    const checker = new ContentChecker({ request, onresult, delayMs: 600 });
    checker.schedule('tekst');
    await vi.advanceTimersByTimeAsync(600);
    calls[0]?.reject(new Error('offline'));
    await vi.runAllTimersAsync();
    expect(onresult).not.toHaveBeenCalled();
    await expect(
      (async () => {
        const pending = checker.now('andere tekst');
        calls[1]?.reject(new Error('offline'));
        return pending;
      })(),
    ).resolves.toBeNull();
  });

  it('checks at once on submit, without a second request for a text already checked', async () => {
    const { calls, request } = controlledRequest();
    const checker = new ContentChecker({ request, onresult: () => undefined, delayMs: 600 });
    checker.schedule('mail me op jan@example.nl');
    const answer = checker.now('mail me op jan@example.nl');
    expect(calls).toHaveLength(1);
    calls[0]?.resolve(email);
    await expect(answer).resolves.toEqual(email);
    await vi.runAllTimersAsync();
    expect(calls).toHaveLength(1);
    await expect(checker.now('mail me op jan@example.nl')).resolves.toEqual(email);
    expect(calls).toHaveLength(1);
  });

  it('answers an empty text itself and clears what was shown', async () => {
    const { calls, request } = controlledRequest();
    const results: CheckResult[] = [];
    const checker = new ContentChecker({ request, onresult: (r) => results.push(r), delayMs: 600 });
    checker.schedule('   ');
    await vi.runAllTimersAsync();
    expect(calls).toHaveLength(0);
    expect(results).toEqual([EMPTY_CHECK]);
    await expect(checker.now('')).resolves.toEqual(EMPTY_CHECK);
  });

  it('going back to the text last checked restores its answer and drops a newer request', async () => {
    const { calls, request } = controlledRequest();
    const results: CheckResult[] = [];
    const checker = new ContentChecker({ request, onresult: (r) => results.push(r), delayMs: 600 });
    checker.schedule('Ik wil niet meer leven');
    await vi.advanceTimersByTimeAsync(600);
    calls[0]?.resolve(crisis);
    await vi.runAllTimersAsync();
    checker.schedule('Ik wil niet meer leven, mail jan@example.nl');
    await vi.advanceTimersByTimeAsync(600);
    checker.schedule('Ik wil niet meer leven');
    calls[1]?.resolve(email);
    await vi.runAllTimersAsync();
    expect(calls[1]?.signal.aborted).toBe(true);
    expect(results).toEqual([crisis, crisis]);
  });

  it('dispose stops the timer and the request', async () => {
    const { calls, request } = controlledRequest();
    const checker = new ContentChecker({ request, onresult: () => undefined, delayMs: 600 });
    checker.schedule('tekst');
    checker.dispose();
    await vi.runAllTimersAsync();
    expect(calls).toHaveLength(0);
  });
});

describe('unacknowledged', () => {
  it('leaves only the kinds the writer has not chosen to post anyway', () => {
    expect(unacknowledged(['email', 'phone'], ['email'])).toEqual(['phone']);
    expect(unacknowledged(['email'], ['email'])).toEqual([]);
  });
});

describe('locatePersonalData', () => {
  const text = 'mail me op jan@example.nl of 06-12345678';

  it('finds the first match among the kinds the server found', () => {
    expect(locatePersonalData(text, ['email', 'phone'])).toEqual([11, 25]);
    expect(locatePersonalData(text, ['phone'])).toEqual([29, 40]);
    expect(text.slice(29, 40)).toBe('06-12345678');
    expect(locatePersonalData('IBAN NL91 ABNA 0417 1643 00', ['iban'])).toEqual([5, 27]);
  });

  it('gives null when it cannot place the kind', () => {
    expect(locatePersonalData('niets bijzonders', ['email'])).toBeNull();
    expect(locatePersonalData(text, [])).toBeNull();
  });
});
