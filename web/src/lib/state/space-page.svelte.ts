/** One space as its page and the admin screens show it (`GET /api/spaces/:slug`). */
import type { MembershipStatus, Space } from '@kring/shared';
import { ApiError } from '$lib/api/client';
import { spacesApi, type SpacesApi } from '$lib/api/spaces';

export type SpacePageStatus = 'loading' | 'ready' | 'not_found' | 'unavailable';

export class SpacePage {
  status = $state<SpacePageStatus>('loading');
  space = $state<Space | null>(null);

  constructor(private readonly spaces: SpacesApi = spacesApi) {}

  async load(slug: string, signal?: AbortSignal): Promise<void> {
    this.status = 'loading';
    try {
      const { space } = await this.spaces.get(slug, signal ? { signal } : {});
      this.space = space;
      this.status = 'ready';
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      if (!(error instanceof ApiError)) throw error;
      this.space = null;
      this.status = error.status === 404 ? 'not_found' : 'unavailable';
    }
  }

  /** Asks to join this (closed) space, then reloads it so every flag is current. */
  async join(message: string): Promise<MembershipStatus> {
    if (!this.space) throw new Error('no space loaded');
    const trimmed = message.trim();
    const { membership } = await this.spaces.join(this.space.slug, trimmed ? { message: trimmed } : {});
    await this.load(this.space.slug);
    return membership;
  }
}
