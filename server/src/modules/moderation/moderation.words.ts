/** Watched words, managed by admins (site-wide or per space); every change is audited. */
import type { AppContext } from '../../context';
import { isAdmin, type MemberActor } from '../../lib/actor';
import { isUuid } from '../../lib/ids';
import { fail, ok, type Result } from '../../lib/result';
import { auditLogRepository } from './moderation.log.repository';
import { watchedWordsRepository as repo, type WatchedWordRow } from './moderation.words.repository';
import { spacesRepository } from '../spaces/spaces.repository';

const adminOnly = () => fail('forbidden', 'forbidden', 'Only admins manage watched words.');

export function watchedWordView(row: WatchedWordRow) {
  return {
    id: row.id,
    pattern: row.pattern,
    action: row.action,
    spaceId: row.spaceId,
    createdAt: row.createdAt.toISOString(),
  };
}

export type WatchedWordsDeps = Record<string, never>;

export function createWatchedWordsService(ctx: AppContext, _deps: WatchedWordsDeps) {
  const db = ctx.database.db;
  return {
    async list(actor: MemberActor): Promise<Result<{ items: ReturnType<typeof watchedWordView>[] }>> {
      if (!isAdmin(actor)) return adminOnly();
      return ok({ items: (await repo.listWatchedWords(db)).map(watchedWordView) });
    },

    async add(
      actor: MemberActor,
      input: { pattern: string; action: WatchedWordRow['action']; space?: string },
    ): Promise<Result<{ word: ReturnType<typeof watchedWordView> }>> {
      if (!isAdmin(actor)) return adminOnly();
      if (input.space && !(await spacesRepository.findById(db, input.space)))
        return fail('not_found', 'not_found', 'This space does not exist.');
      const now = ctx.clock.now();
      const row = await db.transaction(async (tx) => {
        const word = await repo.insertWatchedWord(tx, {
          pattern: input.pattern,
          action: input.action,
          spaceId: input.space ?? null,
          createdBy: actor.userId,
          createdAt: now,
        });
        await auditLogRepository.insertAudit(tx, {
          actorId: actor.userId,
          action: 'watched_word_added',
          spaceId: word.spaceId,
          targetType: 'watched_word',
          targetId: word.id,
          details: { pattern: word.pattern, action: word.action },
          createdAt: now,
        });
        return word;
      });
      return ok({ word: watchedWordView(row) });
    },

    async remove(actor: MemberActor, id: string): Promise<Result<{ word: ReturnType<typeof watchedWordView> }>> {
      if (!isAdmin(actor)) return adminOnly();
      if (!isUuid(id)) return fail('not_found', 'not_found', 'This watched word does not exist.');
      const now = ctx.clock.now();
      const row = await db.transaction(async (tx) => {
        const word = await repo.deleteWatchedWord(tx, id);
        if (!word) return null;
        await auditLogRepository.insertAudit(tx, {
          actorId: actor.userId,
          action: 'watched_word_removed',
          spaceId: word.spaceId,
          targetType: 'watched_word',
          targetId: word.id,
          details: { pattern: word.pattern, action: word.action },
          createdAt: now,
        });
        return word;
      });
      if (!row) return fail('not_found', 'not_found', 'This watched word does not exist.');
      return ok({ word: watchedWordView(row) });
    },
  };
}
