import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  clearTraces,
  createEscapeTwiceHandler,
  ESCAPE_WINDOW_MS,
  setStaySignedIn,
  STAY_SIGNED_IN_KEY,
  staySignedIn,
  stepsBackToStart,
} from './quick-exit';
import { MemoryStorage } from '../testing/memory-storage';

function press(key: string, init: { repeat?: boolean; defaultPrevented?: boolean } = {}) {
  return { key, repeat: init.repeat ?? false, defaultPrevented: init.defaultPrevented ?? false };
}

describe('Escape twice', () => {
  function setup() {
    let time = 0;
    const leave = vi.fn();
    const handle = createEscapeTwiceHandler(leave, () => time);
    const at = (ms: number, event: ReturnType<typeof press>) => {
      time = ms;
      handle(event as KeyboardEvent);
    };
    return { leave, at };
  }

  it('leaves on two quick presses', () => {
    const { leave, at } = setup();
    at(1000, press('Escape'));
    expect(leave).not.toHaveBeenCalled();
    at(1000 + ESCAPE_WINDOW_MS - 1, press('Escape'));
    expect(leave).toHaveBeenCalledOnce();
  });

  it('stays when the presses are too far apart', () => {
    const { leave, at } = setup();
    at(1000, press('Escape'));
    at(1000 + ESCAPE_WINDOW_MS + 1, press('Escape'));
    expect(leave).not.toHaveBeenCalled();
  });

  it('ignores other keys, held-down keys and presses a dialog already handled', () => {
    const { leave, at } = setup();
    at(1000, press('Escape'));
    at(1010, press('Enter'));
    at(1020, press('Escape', { repeat: true }));
    at(1030, press('Escape', { defaultPrevented: true }));
    expect(leave).not.toHaveBeenCalled();
  });
});

describe('steps back to the first Kring entry of this document', () => {
  it('counts the entries pushed since the app started', () => {
    expect(stepsBackToStart(105, 102, 10)).toBe(3);
  });

  it('is 0 on the first entry, without numbers, or when the numbers make no sense', () => {
    expect(stepsBackToStart(102, 102, 10)).toBe(0);
    expect(stepsBackToStart(null, 102, 10)).toBe(0);
    expect(stepsBackToStart(105, null, 10)).toBe(0);
    expect(stepsBackToStart(100, 102, 10)).toBe(0);
    expect(stepsBackToStart(102.5, 102, 10)).toBe(0);
  });

  it('never steps further back than the history holds', () => {
    expect(stepsBackToStart(1_700_000_000_000, 1, 4)).toBe(3);
    expect(stepsBackToStart(3, 1, 1)).toBe(0);
  });
});

describe('the traces on this device', () => {
  const globals = globalThis as { localStorage?: unknown; sessionStorage?: unknown; caches?: unknown };
  let local: MemoryStorage;
  let tab: MemoryStorage;

  beforeEach(() => {
    local = new MemoryStorage();
    tab = new MemoryStorage();
    globals.localStorage = local;
    globals.sessionStorage = tab;
  });
  afterEach(() => {
    delete globals.localStorage;
    delete globals.sessionStorage;
    delete globals.caches;
  });

  it('removes drafts, the tab storage and cached responses, but keeps the device settings', async () => {
    local.setItem('kring.draft.reply.t1', '{"body":"mijn verhaal"}');
    local.setItem('kring.locale', 'en');
    setStaySignedIn(true);
    tab.setItem('kring.anything', 'x');
    const cached = new Set(['pages', 'api']);
    globals.caches = {
      keys: () => Promise.resolve([...cached]),
      delete: (name: string) => Promise.resolve(cached.delete(name)),
    };

    await clearTraces();

    expect(local.getItem('kring.draft.reply.t1')).toBeNull();
    expect(tab.length).toBe(0);
    expect(cached.size).toBe(0);
    expect(local.getItem('kring.locale')).toBe('en');
    expect(staySignedIn()).toBe(true);
  });

  it('signs out by default; the choice to stay signed in is remembered and can be undone', () => {
    expect(staySignedIn()).toBe(false);
    setStaySignedIn(true);
    expect(local.getItem(STAY_SIGNED_IN_KEY)).toBe('true');
    expect(staySignedIn()).toBe(true);
    setStaySignedIn(false);
    expect(local.getItem(STAY_SIGNED_IN_KEY)).toBeNull();
    expect(staySignedIn()).toBe(false);
  });

  it('works without storage at all', async () => {
    delete globals.localStorage;
    delete globals.sessionStorage;
    expect(staySignedIn()).toBe(false);
    await expect(clearTraces()).resolves.toBeUndefined();
  });
});
