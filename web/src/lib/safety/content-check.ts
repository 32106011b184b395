/**
 * The composer's safety check while typing: `POST /api/content/check` a moment after the writer pauses
 * (debounced), never more than one request in flight (a newer text aborts the older request, and a late
 * answer for an older text is ignored), and silent on errors or offline — the check helps, it never blocks.
 * Pure logic without Svelte, so it can be tested with fake timers; `content-check.svelte.ts` holds the state.
 */
import type { ContentCheckResponse, PersonalDataKind } from '@kring/shared';

export type CheckResult = ContentCheckResponse;

export const EMPTY_CHECK: CheckResult = { crisis: null, personalData: [] };

export const CHECK_DELAY_MS = 600;

export interface ContentCheckerOptions {
  /** Sends one check; must honour the signal. */
  request: (text: string, signal: AbortSignal) => Promise<CheckResult>;
  /** Called with every fresh answer (and with the empty answer when the text becomes empty). */
  onresult: (result: CheckResult) => void;
  delayMs?: number;
}

export class ContentChecker {
  #timer: ReturnType<typeof setTimeout> | null = null;
  #controller: AbortController | null = null;
  /** Increases with every request, so an answer that is no longer the latest is dropped. */
  #sequence = 0;
  #last: { text: string; result: CheckResult } | null = null;

  constructor(private readonly options: ContentCheckerOptions) {}

  /** The text changed: check it once the writer pauses. */
  schedule(text: string): void {
    this.#clearTimer();
    if (text.trim() === '') {
      this.#abort();
      this.#last = { text, result: EMPTY_CHECK };
      this.options.onresult(EMPTY_CHECK);
      return;
    }
    if (this.#last?.text === text) {
      // Back to the text last checked: its answer stands, and an answer for a newer text is no longer wanted.
      this.#abort();
      this.options.onresult(this.#last.result);
      return;
    }
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#run(text);
    }, this.options.delayMs ?? CHECK_DELAY_MS);
  }

  /**
   * Checks now (on submit). Resolves with the answer for exactly this text, or null when the check
   * could not be made (offline, error): the caller then goes on without it.
   */
  async now(text: string): Promise<CheckResult | null> {
    this.#clearTimer();
    if (text.trim() === '') return EMPTY_CHECK;
    if (this.#last?.text === text) return this.#last.result;
    return this.#run(text);
  }

  /** Stops a pending timer and request (the composer is gone). */
  dispose(): void {
    this.#clearTimer();
    this.#abort();
  }

  async #run(text: string): Promise<CheckResult | null> {
    this.#abort();
    const controller = new AbortController();
    this.#controller = controller;
    const sequence = ++this.#sequence;
    try {
      const result = await this.options.request(text, controller.signal);
      if (sequence !== this.#sequence) return null;
      this.#controller = null;
      this.#last = { text, result };
      this.options.onresult(result);
      return result;
    } catch {
      if (sequence === this.#sequence) this.#controller = null;
      return null;
    }
  }

  #clearTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #abort(): void {
    this.#sequence++;
    this.#controller?.abort();
    this.#controller = null;
  }
}

/** The kinds in `found` that the writer has not yet chosen to post anyway. */
export function unacknowledged(found: readonly PersonalDataKind[], acknowledged: readonly PersonalDataKind[]) {
  return found.filter((kind) => !acknowledged.includes(kind));
}

const LOCATORS: Partial<Record<PersonalDataKind, RegExp>> = {
  email: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u,
  phone: /(?<![\d+])(?:(?:\+|00)31[\s-]?(?:\(0\))?[\s-]?|0)\d(?:[\s-]?\d){8}(?!\d)/,
  iban: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/i,
  bsn: /(?<![\d.])\d{3}[ .]?\d{3}[ .]?\d{3}(?![\d])/,
  address: /(?<![\p{L}\p{N}])[1-9]\d{3} ?[A-Z]{2}(?![\p{L}\p{N}])/u,
};

/**
 * Where the first of the found kinds is in the text, so "Aanpassen" can select it. An approximation of the
 * server's detectors (which only say the kind); null when nothing is located.
 */
export function locatePersonalData(text: string, kinds: readonly PersonalDataKind[]): [number, number] | null {
  let best: [number, number] | null = null;
  for (const kind of kinds) {
    const match = LOCATORS[kind]?.exec(text);
    if (match && (best === null || match.index < best[0])) best = [match.index, match.index + match[0].length];
  }
  return best;
}
