/**
 * The safety state of one composer (reply, new thread, edit): the crisis helplines to show while the
 * writer types crisis text, and the personal data found in the text with the writer's choice about it.
 * Checks go through `ContentChecker` (debounced, stale answers dropped, errors silent).
 */
import type { ContentCheckResponse, PersonalDataKind } from '@kring/shared';
import { moderationApi, type ModerationApi } from '$lib/api/moderation';
import { ContentChecker, unacknowledged, type CheckResult } from './content-check';

export type Helplines = NonNullable<ContentCheckResponse['crisis']>['helplines'];

export class ContentCheckState {
  /** The helplines to show now, or null when the text is not crisis text. */
  crisis = $state<Helplines | null>(null);
  /** The kinds of personal data in the text (as the server's detectors found them). */
  personalData = $state<PersonalDataKind[]>([]);
  /** The kinds the writer chose to post anyway ("Toch plaatsen"). */
  acknowledged = $state<PersonalDataKind[]>([]);
  /** A submit is waiting for the writer's choice about personal data. */
  awaitingChoice = $state(false);
  /** The check before a submit is on its way. */
  checking = $state(false);

  /** Personal data the writer has not decided about yet. */
  readonly pending = $derived(unacknowledged(this.personalData, this.acknowledged));

  readonly #checker: ContentChecker;

  constructor(
    /** The space (slug or id) whose helplines apply. */
    space: () => string | undefined,
    api: ModerationApi = moderationApi,
  ) {
    this.#checker = new ContentChecker({
      request: (body, signal) => {
        // Offline there is no one to ask: the post is kept and sent later, the check is simply skipped.
        if (!navigator.onLine) return Promise.reject(new Error('offline'));
        const ref = space();
        return api.contentCheck({ body, ...(ref ? { space: ref } : {}) }, { signal });
      },
      onresult: (result) => this.#apply(result),
    });
  }

  /** The text changed (call on every input): checked again once the writer pauses. */
  input(text: string): void {
    this.#checker.schedule(text);
  }

  /**
   * Before a submit: checks the final text. Resolves `true` when the submit may go on, `false` while it
   * waits for a choice about personal data. A check that fails never holds a post back.
   */
  async beforeSubmit(text: string): Promise<boolean> {
    const result = await this.#checker.now(text);
    if (result) this.#apply(result);
    if (this.pending.length > 0) {
      this.awaitingChoice = true;
      return false;
    }
    this.awaitingChoice = false;
    return true;
  }

  /**
   * The gate before sending: with `anyway` ("Toch plaatsen") the personal data is acknowledged and the
   * submit goes on; otherwise the final text is checked first (see `beforeSubmit`).
   */
  async ready(text: string, anyway: boolean): Promise<boolean> {
    if (anyway) {
      this.acknowledge();
      return true;
    }
    this.checking = true;
    try {
      return await this.beforeSubmit(text);
    } finally {
      this.checking = false;
    }
  }

  /** "Toch plaatsen": the writer posts the personal data anyway. */
  acknowledge(): void {
    const added = this.personalData.filter((kind) => !this.acknowledged.includes(kind));
    this.acknowledged = [...this.acknowledged, ...added];
    this.awaitingChoice = false;
  }

  /** "Aanpassen": the writer goes back to the text. */
  adjust(): void {
    this.awaitingChoice = false;
  }

  /** After a successful post: a fresh start for the next text. */
  reset(): void {
    this.#checker.schedule('');
    this.acknowledged = [];
    this.awaitingChoice = false;
  }

  dispose(): void {
    this.#checker.dispose();
  }

  #apply(result: CheckResult): void {
    this.crisis = result.crisis ? result.crisis.helplines : null;
    this.personalData = result.personalData;
    // A choice is about what was found: when the text no longer has it, the choice is forgotten too.
    this.acknowledged = this.acknowledged.filter((kind) => result.personalData.includes(kind));
    if (this.pending.length === 0) this.awaitingChoice = false;
  }
}
