/**
 * One composer (a reply, or a new thread): its fields, the draft on this device, the preview, and a
 * submit that survives a bad connection. Each submit carries an idempotency key; when the answer does not
 * arrive (offline, server unreachable) the key is kept with the draft and the same submit is retried
 * after a reconnect — or after a reload — so the post is stored exactly once.
 */
import { createPostBodySchema, createThreadBodySchema, POST_BODY_MAX, type Intent } from '@kring/shared';
import { ApiError } from '$lib/api/client';
import { postsApi, type PostsApi } from '$lib/api/posts';
import { validate } from '$lib/forms/validate';
import { clearDraft, loadDraft, newIdempotencyKey, saveDraft } from './drafts';
import { applyFormat, type FormatKind } from './markdown-format';

export type ComposerStatus = 'idle' | 'sending' | 'waiting' | 'error';

export interface ComposerInput {
  body: string;
  anonymous: boolean;
  title: string;
  intent: Intent | null;
  idempotencyKey: string;
}

/** A failure the server answered definitively: nothing was stored, the text stays for another try. */
function isDefinitive(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 408;
}

/** The fields a composer checks before sending (the idempotency key is the composer's own). */
const threadFields = createThreadBodySchema.pick({ title: true, body: true });
const replyFields = createPostBodySchema.pick({ body: true });

export class ComposerState<T> {
  body = $state('');
  title = $state('');
  intent = $state<Intent | null>(null);
  anonymous = $state(false);
  status = $state<ComposerStatus>('idle');
  /** The error code of the last definitive refusal (`thread_locked`, `rate_limited`, …). */
  errorCode = $state<string | null>(null);
  /** Which fields the last refusal was about (`title`, `body`). */
  errorFields = $state<Record<string, string> | null>(null);
  /** When a throttled writer may try again (epoch ms, from `Retry-After` on a 429), or null. */
  retryAt = $state<number | null>(null);
  restored = $state(false);
  previewHtml = $state<string | null>(null);
  previewFailed = $state(false);

  readonly length = $derived([...this.body.normalize('NFC')].length);
  readonly tooLong = $derived(this.length > POST_BODY_MAX);

  #key: string | null = null;

  constructor(
    private readonly scope: string,
    private readonly send: (input: ComposerInput) => Promise<T>,
    private readonly options: { requireTitle?: boolean; api?: PostsApi } = {},
  ) {}

  private get posts(): PostsApi {
    return this.options.api ?? postsApi;
  }

  /** The server's own schema, so an obvious mistake is pointed out without a round trip. */
  #check(): Record<string, string> | null {
    const { errors } = this.options.requireTitle
      ? validate(threadFields, { title: this.title, body: this.body }, {})
      : validate(replyFields, { body: this.body }, {});
    // The counter's limit (what the writer sees) also counts.
    if (this.tooLong) errors.body = 'invalid';
    return Object.keys(errors).length > 0 ? errors : null;
  }

  /** Puts back a draft from this device. Returns true when an unconfirmed submit should be retried. */
  restore(): boolean {
    const draft = loadDraft(this.scope);
    if (!draft) return false;
    this.body = draft.body;
    this.anonymous = draft.anonymous;
    this.title = draft.title ?? '';
    this.intent = draft.intent ?? null;
    this.#key = draft.idempotencyKey ?? null;
    this.restored = draft.body.trim() !== '' || (draft.title ?? '').trim() !== '';
    if (this.#key) this.status = 'waiting';
    return this.#key !== null;
  }

  /** Saves what is typed so far (call on every input). */
  persist(): void {
    const empty = this.body === '' && this.title === '' && this.#key === null;
    if (empty) {
      clearDraft(this.scope);
      return;
    }
    saveDraft(this.scope, {
      body: this.body,
      anonymous: this.anonymous,
      title: this.title,
      intent: this.intent,
      ...(this.#key ? { idempotencyKey: this.#key } : {}),
    });
  }

  /** Sends (or re-sends) the post. Resolves with the server's answer, or null when it must wait or failed. */
  async submit(): Promise<T | null> {
    if (this.status === 'sending') return null;
    const problems = this.status === 'waiting' ? null : this.#check();
    if (problems) {
      this.status = 'error';
      this.errorCode = 'validation_failed';
      this.errorFields = problems;
      return null;
    }
    this.#key ??= newIdempotencyKey();
    this.persist();
    this.status = 'sending';
    this.errorCode = null;
    this.errorFields = null;
    this.retryAt = null;
    try {
      const result = await this.send({
        body: this.body,
        anonymous: this.anonymous,
        title: this.title,
        intent: this.intent,
        idempotencyKey: this.#key,
      });
      this.reset();
      return result;
    } catch (error) {
      if (isDefinitive(error)) {
        // Nothing was stored: a later submit is a new one (also after 409 idempotency_key_reused).
        this.#key = null;
        this.status = 'error';
        this.errorCode = error.code;
        this.errorFields = error.fields ?? null;
        this.retryAt = error.status === 429 && error.retryAfter ? Date.now() + error.retryAfter * 1000 : null;
        this.persist();
        return null;
      }
      // No answer: it may or may not have arrived. Keep the key; retry() sends the very same submit.
      this.status = 'waiting';
      return null;
    }
  }

  /** After a reconnect: re-send an unconfirmed submit with its original key. */
  async retry(): Promise<T | null> {
    if (this.status !== 'waiting') return null;
    return this.submit();
  }

  async loadPreview(): Promise<void> {
    this.previewFailed = false;
    if (this.body.trim() === '') {
      this.previewHtml = '';
      return;
    }
    try {
      const { html } = await this.posts.preview({ body: this.body });
      this.previewHtml = html;
    } catch {
      this.previewHtml = null;
      this.previewFailed = true;
    }
  }

  /** Wraps the selection in markdown (toolbar buttons); returns the new selection range. */
  format(kind: FormatKind, start: number, end: number, placeholder = ''): [number, number] {
    const { text, selection } = applyFormat(this.body, kind, start, end, placeholder);
    this.body = text;
    this.persist();
    return selection;
  }

  reset(): void {
    this.body = '';
    this.title = '';
    this.intent = null;
    // Posting anonymously is chosen for each post: the next one starts under the pseudonym again.
    this.anonymous = false;
    this.#key = null;
    this.status = 'idle';
    this.errorCode = null;
    this.errorFields = null;
    this.retryAt = null;
    this.restored = false;
    this.previewHtml = null;
    clearDraft(this.scope);
  }
}
