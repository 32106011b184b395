import { describe, expect, it, vi } from 'vitest';
import { createEscapeTwiceHandler, ESCAPE_WINDOW_MS } from './quick-exit';

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
