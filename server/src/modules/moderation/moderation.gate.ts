/**
 * Automatic protection on the posting path: sanctions, pre-moderation, watched words and crisis care.
 *
 * - `checkPosting` is what posts' `postingGate` calls before its transaction (free of side effects):
 *   suspended / banned / muted → 403; a watched word with `block` → 400 `watched_word`; pre-moderation
 *   (`premoderated` spaces; new members — accounts younger than `config.newMembers.days` — in every
 *   space: their first `heldPosts` posts and posts with links, and under `new_members_premoderated`
 *   all their posts) and `hold` words → 'pending'. Moderators of the space and admins are never held.
 * - `afterPosting` runs after the post committed: it creates the silent review items (held posts,
 *   `flag` words, crisis matches — the latter at top priority; the post stays as it is).
 * - `contentCheck` answers the composer before publishing: crisis helplines and personal-data kinds.
 */
import { defaultHelplines, type ContentCheckResponse } from '@kring/shared';
import type { AppContext, GateDecision, GateStatus, PostingGate } from '../../context';
import { matchesCrisis } from '../../content/crisis';
import { detectPersonalData, hasLink } from '../../content/personal-data';
import { fold, phraseMatcher } from '../../content/text-match';
import type { MemberActor } from '../../lib/actor';
import { isUuid } from '../../lib/ids';
import { fail, ok, type Result, type ServiceError } from '../../lib/result';
import { moderates, type Actor } from '../../lib/actor';
import { canSeeSpace } from '../spaces/spaces.policy';
import type { SpaceRow } from '../threads/threads.repository';
import { isStaff } from './moderation.policy';
import { sanctionError } from './moderation.errors';
import { gateRepository } from './moderation.gate.repository';
import type { ReportsService } from './moderation.reports';
import { sanctionsRepository } from './moderation.sanctions.repository';
import { watchedWordsRepository, type WatchedWordRow } from './moderation.words.repository';
import { spacesRepository } from '../spaces/spaces.repository';

const DAY_MS = 86_400_000;

export type { GateDecision, GateStatus } from '../../context';

/**
 * The member's sanction that applies here as a 403 (`suspended`, `banned`, `muted`), or null. With a
 * null space only a site-wide suspension counts (login). Used by reactions and login.
 */
export async function activeSanction(
  ctx: AppContext,
  userId: string,
  spaceId: string | null,
): Promise<{ ok: false; error: ServiceError } | null> {
  const sanctions = await sanctionsRepository.activeSanctions(ctx.database.db, userId, spaceId, ctx.clock.now());
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

export interface GateDeps {
  reports: Pick<ReportsService, 'flagContent'>;
}

// eslint-disable-next-line max-lines-per-function -- a factory: its length is the sum of the small, separately named functions it returns
export function createModerationGate(ctx: AppContext, deps: GateDeps): PostingGate {
  const db = ctx.database.db;

  /**
   * On their first day, new members wait `firstDayIntervalSeconds` between posts (429 with Retry-After).
   * A throttle like the write limits, so `KRING_RATE_LIMITS=off` turns it off too.
   */
  async function firstDayPace(actor: MemberActor, now: Date): Promise<Result<never> | null> {
    const seconds = ctx.config.newMembers.firstDayIntervalSeconds;
    if (
      !ctx.config.rateLimits ||
      seconds === 0 ||
      isStaff(actor) ||
      now.getTime() - actor.createdAt.getTime() >= DAY_MS
    )
      return null;
    const last = await gateRepository.lastPostAtByAuthor(db, actor.userId);
    if (!last) return null;
    const wait = Math.ceil((last.getTime() + seconds * 1000 - now.getTime()) / 1000);
    if (wait <= 0) return null;
    return fail(
      'rate_limited',
      'new_member_slow_down',
      `On your first day you can post once every ${seconds} seconds. Try again in ${wait} seconds.`,
      { retryAfter: wait },
    );
  }

  async function checkPosting(
    actor: MemberActor,
    space: SpaceRow,
    content: { source: string; title?: string },
  ): Promise<Result<GateDecision>> {
    const now = ctx.clock.now();
    const sanctioned = await activeSanction(ctx, actor.userId, space.id);
    if (sanctioned) return sanctioned;
    const paced = await firstDayPace(actor, now);
    if (paced) return paced;
    const staff = moderates(actor, space.id);
    const text = `${content.title ?? ''}\n${content.source}`;
    const matched = staff ? [] : wordMatches(await watchedWordsRepository.watchedWordsFor(db, space.id), text);
    if (matched.some((w) => w.action === 'block'))
      return fail('invalid', 'watched_word', 'This text contains a word that is not allowed here.');
    const decide = (status: GateStatus) => ok({ status, flagged: matched.some((w) => w.action === 'flag') });
    if (staff) return decide('published');
    if (matched.some((w) => w.action === 'hold')) return decide('pending');

    if (space.postingPolicy === 'premoderated') return decide('pending');
    // New members (accounts younger than the configured days), under every posting policy: their
    // first posts and their posts with links are held; `new_members_premoderated` holds all of them.
    const { days, heldPosts } = ctx.config.newMembers;
    // Moderators (of any space) are trusted volunteers, never "new members".
    const isNew = !isStaff(actor) && now.getTime() - actor.createdAt.getTime() < days * 86_400_000;
    if (!isNew) return decide('published');
    if (space.postingPolicy === 'new_members_premoderated' || hasLink(text)) return decide('pending');
    if (heldPosts > 0 && (await gateRepository.postCountByAuthor(db, actor.userId)) < heldPosts)
      return decide('pending');
    return decide('published');
  }

  /**
   * Silent review items after a post committed (never fails the writer's request), from the decision
   * `checkPosting` made before it (so the watched words are read once per post).
   */
  async function afterPosting(
    space: SpaceRow,
    post: { id: string; status: string; source: string },
    decision: GateDecision,
    title?: string,
  ): Promise<{ crisis: boolean }> {
    const text = `${title ?? ''}\n${post.source}`;
    const crisis = matchesCrisis(text);
    const flags: ('held' | 'watched_word' | 'crisis')[] = [];
    if (post.status === 'pending') flags.push('held');
    if (crisis) flags.push('crisis');
    if (decision.flagged) flags.push('watched_word');
    await deps.reports.flagContent({ type: 'post', id: post.id, spaceId: space.id }, flags);
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

  return {
    checkPosting,
    afterPosting,
    contentCheck,
    /** The member's sanction that applies in this space (null: only a site-wide suspension) as a 403, or null. */
    activeSanction: (userId: string, spaceId: string | null) => activeSanction(ctx, userId, spaceId),
  };
}

export type ModerationGate = PostingGate;
