/** Reactions on a post: one per kind per member, set with PUT and taken back with DELETE. */
import type { ReactionKind, ReactionsResponse } from '@kring/shared';
import { api, type ApiClient } from './client';
import { segment } from './query';

const reactionPath = (postId: string, kind: ReactionKind) => `/api/posts/${segment(postId)}/reactions/${kind}`;

export function createReactionsApi(client: ApiClient = api) {
  return {
    set: (postId: string, kind: ReactionKind, on: boolean) =>
      on
        ? client.put<ReactionsResponse>(reactionPath(postId, kind))
        : client.delete<ReactionsResponse>(reactionPath(postId, kind)),
  };
}

export type ReactionsApi = ReturnType<typeof createReactionsApi>;
export const reactionsApi: ReactionsApi = createReactionsApi();
