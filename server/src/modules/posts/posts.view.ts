/**
 * A post row → the public Post shape, for one reader. Anonymous posts show only their alias; the
 * account behind them never leaves this function. Live events use the `publicReader` view.
 */
import type { Author, Post } from '@kring/shared';
import type { Actor } from '../../lib/actor';
import { guest } from '../../lib/actor';
import { canSeePostContent, canSeeSource, isAuthor } from './posts.policy';
import type { PostRecord, ReactionKind } from './posts.repository';

export interface PostReader {
  actor: Actor;
  /** Moderates the post's space (or is an admin). */
  moderator: boolean;
}

/** What everybody in a thread room may receive: no source, no "mine", no own reactions. */
export const publicReader: PostReader = { actor: guest, moderator: false };

export function postAuthor(record: PostRecord): Author {
  const { post } = record;
  if (post.anonymous) return { kind: 'anonymous', alias: post.aliasLetter ?? '?' };
  if (post.authorId === null || record.authorUsername === null) return { kind: 'former' };
  return { kind: 'member', username: record.authorUsername };
}

export function toPostView(record: PostRecord, reader: PostReader, myReactions: readonly ReactionKind[] = []): Post {
  const { post } = record;
  const showContent = canSeePostContent(reader.actor, post, reader.moderator);
  return {
    id: post.id,
    threadId: post.threadId,
    number: post.number,
    author: postAuthor(record),
    ...(showContent ? { html: post.html } : {}),
    ...(showContent && canSeeSource(reader.actor, post, reader.moderator) ? { source: post.source } : {}),
    createdAt: post.createdAt.toISOString(),
    editedAt: post.editedAt ? post.editedAt.toISOString() : null,
    status: post.status,
    reactions: { steun: post.reactionSteun, herkenning: post.reactionHerkenning, dank: post.reactionDank },
    myReactions: [...myReactions],
    ...(post.label ? { label: post.label } : {}),
    mine: isAuthor(reader.actor, post),
  };
}
