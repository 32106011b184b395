/**
 * Automatic protection on the posting path: sanctions, pre-moderation, watched words and crisis care.
 *
 * - `checkPosting` is what posts' `postingGate` calls before its transaction (free of side effects):
 *   suspended / banned / muted → 403; a watched word with `block` → 400 `watched_word`; pre-moderation
 *   (the space's posting policy, new members' first posts and links) and `hold` words → 'pending'.
 * - `afterPosting` runs after the post committed: it creates the silent review items (held posts,
 *   `flag` words, crisis matches — the latter at top priority; the post stays as it is).
 * - `contentCheck` answers the composer before publishing: crisis helplines and personal-data kinds.
 */
import { defaultHelplines, type ContentCheckResponse } from '@kring/shared';
import type { AppContext } from '../../context';
import { matchesCrisis } from '../../content/crisis';
import { detectPersonalData, hasLink } from '../../content/personal-data';
import { fold, phraseMatcher } from '../../content/text-match';
import type { MemberActor } from '../../lib/actor';
import { isUuid } from '../../lib/ids';
import { fail, ok, type Result, type ServiceError } from '../../lib/result';
import { moderates, type Actor } from '../../lib/actor';
import { canSeeSpace } from '../spaces/spaces.policy';
import type { SpaceRow } from '../threads/threads.repository';
import { moderationRepository as repo, type WatchedWordRow } from './moderation.repository';
import { createModerationService, sanctionError } from './moderation.service';
import { spacesRepository } from '../spaces/spaces.repository';

/** Under `new_members_premoderated`, a member's first this-many posts are held. */
export const NEW_MEMBER_HELD_POSTS = 2;
/** …and their posts with links while their account is younger than this. */
export const NEW_MEMBER_DAYS = 7;

export type GateStatus = 'published' | 'pending';

/**
 * The member's sanction that applies here as a 403 (`suspended`, `banned`, `muted`), or null. With a
 * null space only a site-wide suspension counts (login). Used by reactions and login.
 */
export async function activeSanction(
  ctx: AppContext,
  userId: string,
  spaceId: string | null,
): Promise<{ ok: false; error: ServiceError } | null> {
  const sanctions = await repo.activeSanctions(ctx.database.db, userId, spaceId, ctx.clock.now());
  for (const kind of ['suspend', 'ban', 'mute'] as const) {
    const found = sanctions.find((s) => s.kind === kind);
    if (found) return sanctionError(kind, found.expiresAt);
  }
  return null;
}

function wordMatches(words: WatchedWordRow[], text: string): WatchedWordRow[] {
  const folded = fold(text);
  return words.filter((w) => phraseMatcher(w.pattern)(folded));
}

export function createModerationGate(ctx: AppContext) {
  const db = ctx.database.db;
  const moderation = createModerationService(ctx);

  async function checkPosting(
    actor: MemberActor,
    space: SpaceRow,
    content: { source: string; title?: string },
  ): Promise<Result<GateStatus>> {
    const now = ctx.clock.now();
    const sanctioned = await activeSanction(ctx, actor.userId, space.id);
    if (sanctioned) return sanctioned;
    const staff = moderates(actor, space.id);
    const text = `${content.title ?? ''}\n${content.source}`;
    const matched = staff ? [] : wordMatches(await repo.watchedWordsFor(db, space.id), text);
    if (matched.some((w) => w.action === 'block'))
      return fail('invalid', 'watched_word', 'This text contains a word that is not allowed here.');
    if (staff) return ok('published');
    if (matched.some((w) => w.action === 'hold')) return ok('pending');

    if (space.postingPolicy === 'premoderated') return ok('pending');
    if (space.postingPolicy === 'new_members_premoderated') {
      const count = await repo.postCountByAuthor(db, actor.userId);
      if (count < NEW_MEMBER_HELD_POSTS) return ok('pending');
      const young = now.getTime() - actor.createdAt.getTime() < NEW_MEMBER_DAYS * 86_400_000;
      if (young && hasLink(text)) return ok('pending');
    }
    return ok('published');
  }

  /** Silent review items after a post committed (never fails the writer's request). */
  async function afterPosting(
    actor: MemberActor,
    space: SpaceRow,
    post: { id: string; status: string; source: string },
    title?: string,
  ): Promise<{ crisis: boolean }> {
    const text = `${title ?? ''}\n${post.source}`;
    const crisis = matchesCrisis(text);
    const flags: ('held' | 'watched_word' | 'crisis')[] = [];
    if (post.status === 'pending') flags.push('held');
    if (crisis) flags.push('crisis');
    if (!moderates(actor, space.id)) {
      const matched = wordMatches(await repo.watchedWordsFor(db, space.id), text);
      if (matched.some((w) => w.action === 'flag')) flags.push('watched_word');
    }
    await moderation.flagContent({ type: 'post', id: post.id, spaceId: space.id }, flags);
    return { crisis };
  }

  async function contentCheck(actor: Actor, input: { body: string; space?: string }): Promise<ContentCheckResponse> {
    let helplines = defaultHelplines;
    if (input.space) {
      const space = isUuid(input.space)
        ? await spacesRepository.findById(db, input.space)
        : await spacesRepository.findBySlug(db, input.space);
      if (space && canSeeSpace(actor, space) && space.helplines.length > 0) helplines = space.helplines;
    }
    return {
      crisis: matchesCrisis(input.body) ? { helplines } : null,
      personalData: detectPersonalData(input.body),
    };
  }

  return { checkPosting, afterPosting, contentCheck };
}

export type ModerationGate = ReturnType<typeof createModerationGate>;
