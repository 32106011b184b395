/** Spaces: the directory, one space, its settings and moderators, joining and join requests. */
import type {
  CreateSpaceInput,
  JoinRequestListQuery,
  JoinRequestList,
  JoinRequestResponse,
  JoinSpaceBody,
  JoinSpaceResponse,
  SpaceList,
  SpaceListQuery,
  SpaceModeratorsResponse,
  SpaceResponse,
  UpdateSpaceInput,
} from '@kring/shared';
import { api, type ApiClient, type RequestOptions } from './client';
import { queryString, segment } from './query';

/** `/api/spaces/:slug`, the base of every path about one space. */
export const spacePath = (slug: string) => `/api/spaces/${segment(slug)}`;

export function createSpacesApi(client: ApiClient = api) {
  return {
    /** The query's parts go into the URL in the order given. */
    list: (query: SpaceListQuery, options?: RequestOptions) =>
      client.get<SpaceList>(`/api/spaces${queryString(query)}`, options),
    get: (slug: string, options?: RequestOptions) => client.get<SpaceResponse>(spacePath(slug), options),
    create: (body: CreateSpaceInput) => client.post<SpaceResponse>('/api/spaces', body),
    update: (slug: string, body: UpdateSpaceInput) => client.patch<SpaceResponse>(spacePath(slug), body),
    addModerator: (slug: string, username: string) =>
      client.put<SpaceModeratorsResponse>(`${spacePath(slug)}/moderators/${segment(username)}`),
    removeModerator: (slug: string, username: string) =>
      client.delete(`${spacePath(slug)}/moderators/${segment(username)}`),
    /** 200 with `approved` for an open space, 202 with `pending` for a closed one. */
    join: (slug: string, body: JoinSpaceBody) => client.post<JoinSpaceResponse>(`${spacePath(slug)}/join`, body),
    joinRequests: (slug: string, query: JoinRequestListQuery) =>
      client.get<JoinRequestList>(`${spacePath(slug)}/join-requests${queryString(query)}`),
    decideJoinRequest: (slug: string, userId: string, decision: 'approve' | 'reject') =>
      client.post<JoinRequestResponse>(`${spacePath(slug)}/join-requests/${segment(userId)}/${decision}`),
  };
}

export type SpacesApi = ReturnType<typeof createSpacesApi>;
export const spacesApi: SpacesApi = createSpacesApi();
