/** Threads: a space's thread list, one thread, starting one, and the pages of its posts. */
import type {
  CreateThreadBody,
  CreateThreadResponse,
  PostPage,
  PostPageQuery,
  ThreadDetail,
  ThreadList,
  ThreadListQuery,
} from '@kring/shared';
import { api, type ApiClient, type RequestOptions } from './client';
import { queryString, segment } from './query';
import { spacePath } from './spaces';

/** `/api/threads/:id`. */
export const threadPath = (id: string) => `/api/threads/${segment(id)}`;

export function createThreadsApi(client: ApiClient = api) {
  return {
    /** The query's parts go into the URL in the order given. */
    list: (slug: string, query: ThreadListQuery, options?: RequestOptions) =>
      client.get<ThreadList>(`${spacePath(slug)}/threads${queryString(query)}`, options),
    get: (id: string, options?: RequestOptions) => client.get<ThreadDetail>(threadPath(id), options),
    create: (slug: string, body: CreateThreadBody) =>
      client.post<CreateThreadResponse>(`${spacePath(slug)}/threads`, body),
    /** One page of posts; use one of `after`, `before`, `around` (the query's parts in the order given). */
    posts: (id: string, query: PostPageQuery, options?: RequestOptions) =>
      client.get<PostPage>(`${threadPath(id)}/posts${queryString(query)}`, options),
  };
}

export type ThreadsApi = ReturnType<typeof createThreadsApi>;
export const threadsApi: ThreadsApi = createThreadsApi();
