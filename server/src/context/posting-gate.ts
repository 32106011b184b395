/**
 * The posting gate as the writing domains see it (posts, threads, reactions, accounts' login): sanctions,
 * pre-moderation, watched words and crisis care are moderation's rules, applied here without importing the
 * moderation domain. Moderation implements it (`moderation.gate.ts`); the composition root registers it on
 * `ctx.postingGate` (`modules/services.ts`).
 */
import type { ContentCheckResponse } from '@kring/shared';
import type { SpaceRow } from '../db/schema';
import type { Actor, MemberActor } from '../lib/actor';
import type { Result, ServiceError } from '../lib/result';

export type GateStatus = 'published' | 'pending';

/** What the gate decided for a post: published or held, and whether a `flag` watched word matched. */
export interface GateDecision {
  status: GateStatus;
  flagged: boolean;
}

export interface PostingGate {
  /**
   * Before the write's transaction, free of side effects: suspended / banned / muted → 403, a `block`
   * watched word → 400, held (pre-moderation, new members, `hold` words) → 'pending'.
   */
  checkPosting(
    actor: MemberActor,
    space: SpaceRow,
    content: { source: string; title?: string },
  ): Promise<Result<GateDecision>>;
  /** After the post committed: the silent review items (held, flagged, crisis). Never fails the writer. */
  afterPosting(
    space: SpaceRow,
    post: { id: string; status: string; source: string },
    decision: GateDecision,
    title?: string,
  ): Promise<{ crisis: boolean }>;
  /** The composer's check before publishing: crisis helplines and personal-data kinds. */
  contentCheck(actor: Actor, input: { body: string; space?: string }): Promise<ContentCheckResponse>;
  /** The member's sanction that applies here as a 403, or null; a null space counts only site-wide ones. */
  activeSanction(userId: string, spaceId: string | null): Promise<{ ok: false; error: ServiceError } | null>;
}
