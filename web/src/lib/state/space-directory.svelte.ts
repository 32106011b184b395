/**
 * The directory of spaces the visitor may see, loaded from `GET /api/spaces`.
 * Until the spaces API exists (it answers 404), the directory is simply empty.
 */
import { api as defaultApi, ApiError, type ApiClient } from '$lib/api/client';

/** The fields of a space that the directory shows (the API sends more). */
export interface SpaceSummary {
  slug: string;
  name: string;
  description: string;
}

interface SpaceList {
  items: SpaceSummary[];
}

export type DirectoryStatus = 'idle' | 'loading' | 'ready' | 'unavailable';

export class SpaceDirectory {
  status = $state<DirectoryStatus>('idle');
  items = $state<SpaceSummary[]>([]);

  constructor(private readonly api: ApiClient = defaultApi) {}

  async load(signal?: AbortSignal): Promise<void> {
    this.status = 'loading';
    try {
      const list = await this.api.get<SpaceList>('/api/spaces', signal ? { signal } : {});
      this.items = list.items;
      this.status = 'ready';
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      if (error instanceof ApiError && error.status === 404) {
        this.items = [];
        this.status = 'ready';
        return;
      }
      this.status = 'unavailable';
    }
  }
}
