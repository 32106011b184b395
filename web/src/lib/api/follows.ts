/** Following a thread or a space (members only): the state, follow (POST) and unfollow (DELETE). */
import type { FollowState } from '@kring/shared';
import { api, type ApiClient } from './client';
import { spacePath } from './spaces';
import { threadPath } from './threads';

export type FollowKind = 'thread' | 'space';

const followPath = (kind: FollowKind, target: string) =>
  `${kind === 'thread' ? threadPath(target) : spacePath(target)}/follow`;

export function createFollowsApi(client: ApiClient = api) {
  return {
    state: (kind: FollowKind, target: string) => client.get<FollowState>(followPath(kind, target)),
    set: (kind: FollowKind, target: string, on: boolean) =>
      on ? client.post<FollowState>(followPath(kind, target)) : client.delete<FollowState>(followPath(kind, target)),
  };
}

export type FollowsApi = ReturnType<typeof createFollowsApi>;
export const followsApi: FollowsApi = createFollowsApi();
