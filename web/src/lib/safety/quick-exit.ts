/**
 * "Snel weg": leave Kring at once for a neutral page, leaving as little trail on this device as a
 * web page can:
 * - History: the pages opened inside Kring in this tab are client-side entries of one document. The
 *   exit first renames the current entry to the home page, then steps back to the first of those
 *   entries and replaces that one with the neutral page, so Back leads to whatever was open before
 *   Kring. (Entries left by an earlier load of Kring — a reload — stay: browsers give no way to
 *   remove them. Forward entries stay too, under the home page's address for the page that was open.)
 * - Traces: drafts of posts, everything Kring put in sessionStorage and any Cache Storage are removed.
 * - Session: the member is signed out on the server (a keepalive request, so leaving never waits
 *   for it), unless they chose "op dit apparaat ingelogd blijven" on /hulp.
 */
import { clearAllDrafts } from '../state/drafts';

/** The neutral page the quick exit goes to. */
export const QUICK_EXIT_URL = 'https://www.nu.nl/weer';

/** Two presses of Escape within this many milliseconds trigger the quick exit. */
export const ESCAPE_WINDOW_MS = 600;

/** localStorage key of the device's choice to stay signed in after "Snel weg". */
export const STAY_SIGNED_IN_KEY = 'kring.quickExit.staySignedIn';

/** SvelteKit numbers its history entries under this key of `history.state`. */
const HISTORY_INDEX = 'sveltekit:history';

/** How long the exit waits for the step back before it replaces the current entry anyway. */
const REWIND_TIMEOUT_MS = 300;

function localStore(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Whether this device keeps the member signed in when they leave with "Snel weg". */
export function staySignedIn(store: Pick<Storage, 'getItem'> | null = localStore()): boolean {
  try {
    return store?.getItem(STAY_SIGNED_IN_KEY) === 'true';
  } catch {
    return false;
  }
}

export function setStaySignedIn(
  value: boolean,
  store: Pick<Storage, 'setItem' | 'removeItem'> | null = localStore(),
): void {
  try {
    if (value) store?.setItem(STAY_SIGNED_IN_KEY, 'true');
    else store?.removeItem(STAY_SIGNED_IN_KEY);
  } catch {
    // Storage blocked: the safer default (signing out) applies.
  }
}

function historyIndex(state: unknown): number | null {
  if (typeof state !== 'object' || state === null) return null;
  const value = (state as Record<string, unknown>)[HISTORY_INDEX];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

let firstIndex: number | null = null;

/**
 * Remembers the history entry this document started on. Call once when the app has booted (SvelteKit
 * has numbered the entry by then); entries before it belong to other pages or another load.
 */
export function rememberHistoryStart(state: unknown = history.state): void {
  firstIndex = historyIndex(state);
}

/**
 * How many steps back lead to the first entry of this document: 0 when unknown or when the numbers
 * do not fit the history (never more than the history holds).
 */
export function stepsBackToStart(current: number | null, first: number | null, historyLength: number): number {
  if (current === null || first === null) return 0;
  const steps = current - first;
  if (!Number.isInteger(steps) || steps <= 0) return 0;
  return Math.min(steps, Math.max(0, historyLength - 1));
}

/** Removes what Kring keeps in this tab and on this device about what was read or written. */
export async function clearTraces(): Promise<void> {
  clearAllDrafts();
  try {
    sessionStorage.clear();
  } catch {
    // Storage blocked: nothing was kept there either.
  }
  try {
    if (typeof caches !== 'undefined') {
      const names = await caches.keys();
      await Promise.all(names.map((name) => caches.delete(name)));
    }
  } catch {
    // No Cache Storage (insecure context) or blocked: nothing cached.
  }
}

/** Ends the session on the server without making the exit wait; the answer clears the cookie. */
export function endSessionInBackground(): void {
  try {
    void fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin', keepalive: true }).catch(() => {
      // Offline: the session ends on the server by itself.
    });
  } catch {
    // fetch unavailable: nothing to do.
  }
}

let leaving = false;

export function quickExit(): void {
  if (leaving) return;
  leaving = true;
  if (!staySignedIn()) endSessionInBackground();
  void clearTraces();

  const leave = () => window.location.replace(QUICK_EXIT_URL);
  const steps = stepsBackToStart(historyIndex(history.state), firstIndex, history.length);
  try {
    // The entry that stays behind as a forward entry no longer names the page that was open.
    document.title = 'Kring';
    history.replaceState(history.state, '', '/');
  } catch {
    // Leaving matters more than the rename.
  }
  if (steps === 0) {
    leave();
    return;
  }
  const timer = setTimeout(leave, REWIND_TIMEOUT_MS);
  window.addEventListener(
    'popstate',
    (event) => {
      // The app must not render the earlier page: the exit replaces it at once.
      event.stopImmediatePropagation();
      clearTimeout(timer);
      leave();
    },
    { capture: true, once: true },
  );
  history.go(-steps);
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
