/** Search in the threads the reader may see (`GET /api/search`). */
import type { SearchQuery, SearchResults } from '@kring/shared';
import { api, type ApiClient, type RequestOptions } from './client';
import { queryString } from './query';

export function createSearchApi(client: ApiClient = api) {
  return {
    /** The query's parts go into the URL in the order given. */
    search: (query: SearchQuery, options?: RequestOptions) =>
      client.get<SearchResults>(`/api/search${queryString(query)}`, options),
  };
}

export type SearchApi = ReturnType<typeof createSearchApi>;
export const searchApi: SearchApi = createSearchApi();
