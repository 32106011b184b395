/** The moderation rooms' service errors, and how a failure inside a transaction rolls it back. */
import type { Database } from '../../db/client';
import type { Executor } from '../../db/client';
import { fail, type Result, type ServiceError } from '../../lib/result';

export const notFound = () => fail('not_found', 'not_found', 'This does not exist or is not visible to you.');
export const forbidden = () => fail('forbidden', 'forbidden', 'You cannot do this here.');
export const invalidTarget = () => fail('invalid', 'invalid_target', 'This action does not apply to this target.');
export const invalidState = (message: string) => fail('conflict', 'invalid_state', message);
export const invalidCursor = () => fail('invalid', 'invalid_cursor', 'This cursor is not valid.');
export const claimedByOther = () => fail('conflict', 'claimed_by_other', 'Another moderator is handling this item.');
/** `approve_post` / `reject_post` on a post that is not (or no longer) waiting for a moderator. */
export const notPending = () =>
  fail('conflict', 'not_pending', 'This post is not waiting for approval (any more); reload it.');
/** Its author deleted this post (or their account was erased): no moderator brings it back. */
export const deletedByAuthor = () =>
  fail('conflict', 'deleted_by_author', 'Its author deleted this post; it cannot be restored.');
export const accountGone = () => invalidState('The account behind this content no longer exists.');

/** A sanction as the 403 its member gets: `suspended`, `banned` or `muted` (the one implementation). */
export function sanctionError(kind: 'mute' | 'ban' | 'suspend', until: Date | null) {
  const untilText = until ? ` until ${until.toISOString()}` : '';
  if (kind === 'suspend') return fail('forbidden', 'suspended', `Your account is suspended${untilText}.`);
  if (kind === 'ban') return fail('forbidden', 'banned', 'You have been banned from this space.');
  return fail('forbidden', 'muted', `You are muted in this space${untilText}.`);
}

/** Carries a service error out of a transaction callback so the transaction rolls back. */
export class Rollback extends Error {
  constructor(readonly serviceError: ServiceError) {
    super(serviceError.code);
  }
}

/**
 * Runs `work` in one transaction; a failed Result (or a `Rollback` thrown deeper down) rolls everything back
 * and comes back as that failure. Anything else that throws stays an error.
 */
export async function transact<T>(db: Database['db'], work: (tx: Executor) => Promise<Result<T>>): Promise<Result<T>> {
  return db
    .transaction(async (tx) => {
      const result = await work(tx);
      if (!result.ok) throw new Rollback(result.error);
      return result;
    })
    .catch((error: unknown) => {
      if (error instanceof Rollback) return { ok: false as const, error: error.serviceError };
      throw error;
    });
}

/** After-commit work collected while a transaction runs. */
export type AfterCommit = (() => void | Promise<void>)[];

export async function runAfterCommit(after: AfterCommit): Promise<void> {
  for (const work of after) await work();
}

/** Where a failing after-commit hook is logged (pino-style; the app's logger). */
export interface ModerationLogger {
  error(obj: object, msg: string): void;
}

/** The `log` callback the moderation hooks take, from an optional logger. */
export const hookErrorLogger =
  (logger: ModerationLogger | undefined) =>
  (error: unknown): void =>
    logger?.error({ err: error }, 'moderation hook failed');
