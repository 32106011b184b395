/**
 * Composer drafts on this device (localStorage), so a reply typed on a bad connection or before a reload
 * is not lost. A draft keeps the idempotency key of a submit that the server has not confirmed yet, so a
 * retry can never post twice. Drafts are removed as soon as the server confirms.
 */
import type { Intent } from '@kring/shared';

export interface Draft {
  body: string;
  anonymous: boolean;
  title?: string;
  intent?: Intent | null;
  /** Set while a submit is unconfirmed: the retry reuses it, so the server stores the post once. */
  idempotencyKey?: string;
  updatedAt: number;
}

const PREFIX = 'kring.draft.';

export const draftScope = {
  reply: (threadId: string) => `reply.${threadId}`,
  thread: (slug: string) => `thread.${slug}`,
};

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function loadDraft(scope: string): Draft | null {
  try {
    const raw = storage()?.getItem(PREFIX + scope);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<Draft>;
    if (typeof value.body !== 'string') return null;
    return {
      body: value.body,
      anonymous: value.anonymous === true,
      ...(typeof value.title === 'string' ? { title: value.title } : {}),
      ...(value.intent !== undefined ? { intent: value.intent } : {}),
      ...(typeof value.idempotencyKey === 'string' ? { idempotencyKey: value.idempotencyKey } : {}),
      updatedAt: typeof value.updatedAt === 'number' ? value.updatedAt : Date.now(),
    };
  } catch {
    return null;
  }
}

export function saveDraft(scope: string, draft: Omit<Draft, 'updatedAt'>): void {
  try {
    storage()?.setItem(PREFIX + scope, JSON.stringify({ ...draft, updatedAt: Date.now() }));
  } catch {
    // Storage full or blocked: the composer still works, only without a safety net.
  }
}

export function clearDraft(scope: string): void {
  try {
    storage()?.removeItem(PREFIX + scope);
  } catch {
    // Nothing to clear.
  }
}

/**
 * Removes every draft on this device: on "Snel weg" and on signing out, so someone else at this
 * device finds nothing of what was being written.
 */
export function clearAllDrafts(): void {
  try {
    const store = storage();
    if (!store) return;
    const keys: string[] = [];
    for (let index = 0; index < store.length; index += 1) {
      const key = store.key(index);
      if (key?.startsWith(PREFIX)) keys.push(key);
    }
    for (const key of keys) store.removeItem(key);
  } catch {
    // Storage blocked: nothing was saved either.
  }
}

export function newIdempotencyKey(): string {
  return `web-${crypto.randomUUID()}`;
}
