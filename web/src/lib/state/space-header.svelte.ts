/**
 * The space a conversation screen belongs to (`GET /api/spaces/:slug`): its name, rules, helplines and
 * what the reader may do there. (The spaces feature has its own, fuller space page state.)
 */
import type { Space } from '@kring/shared';
import { api as defaultApi, ApiError, type ApiClient } from '$lib/api/client';

export type SpaceHeaderStatus = 'loading' | 'ready' | 'not_found' | 'unavailable';

export class SpaceHeaderState {
  status = $state<SpaceHeaderStatus>('loading');
  space = $state<Space | null>(null);

  constructor(private readonly api: ApiClient = defaultApi) {}

  async load(slug: string, signal?: AbortSignal): Promise<void> {
    this.status = 'loading';
    try {
      const { space } = await this.api.get<{ space: Space }>(
        `/api/spaces/${encodeURIComponent(slug)}`,
        signal ? { signal } : {},
      );
      this.space = space;
      this.status = 'ready';
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      this.space = null;
      this.status = error instanceof ApiError && error.status === 404 ? 'not_found' : 'unavailable';
    }
  }
}
