/**
 * "Snel weg": leave Kring at once for a neutral page. `location.replace` swaps the current
 * history entry, so the back button does not lead straight back to the page that was open.
 * Entries from earlier pages in the same visit stay; browsers give no way to remove them.
 * Drafts of posts on this device are wiped first: someone who opens Kring next finds no half-written
 * story. (The session stays: signing out would need a round trip, and leaving must not wait.)
 */
import { clearAllDrafts } from '../state/drafts';

/** The neutral page the quick exit goes to. */
export const QUICK_EXIT_URL = 'https://www.nu.nl/weer';

/** Two presses of Escape within this many milliseconds trigger the quick exit. */
export const ESCAPE_WINDOW_MS = 600;

export function quickExit(): void {
  clearAllDrafts();
  window.location.replace(QUICK_EXIT_URL);
}

/**
 * Returns a keydown handler that leaves after Escape is pressed twice quickly. A press that
 * something else already handled (closing a dialog) does not count, nor does a held-down key.
 */
export function createEscapeTwiceHandler(
  leave: () => void = quickExit,
  now: () => number = () => performance.now(),
): (event: KeyboardEvent) => void {
  let lastPress = Number.NEGATIVE_INFINITY;
  return (event) => {
    if (event.key !== 'Escape' || event.repeat || event.defaultPrevented) return;
    const time = now();
    if (time - lastPress <= ESCAPE_WINDOW_MS) {
      lastPress = Number.NEGATIVE_INFINITY;
      leave();
    } else {
      lastPress = time;
    }
  };
}
