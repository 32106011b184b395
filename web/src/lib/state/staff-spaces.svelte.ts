/**
 * The spaces a moderator or admin can act in, for the moderation screens' space filters, "move thread"
 * and watched words. Admins get every space (archived too); moderators the spaces they moderate.
 */
import type { SpaceSummary } from '@kring/shared';
import { spacesApi, type SpacesApi } from '$lib/api/spaces';
import { session } from './session.svelte';

export type StaffSpace = Pick<SpaceSummary, 'id' | 'slug' | 'name' | 'archived'>;

export class StaffSpaces {
  items = $state<StaffSpace[]>([]);
  status = $state<'idle' | 'loading' | 'ready' | 'unavailable'>('idle');
  #loading: Promise<void> | undefined;

  constructor(private readonly spaces: SpacesApi = spacesApi) {}

  /** Loads once per signed-in member; call again after signing in as someone else. */
  ensure(): Promise<void> {
    this.#loading ??= this.#load();
    return this.#loading;
  }

  async #load(): Promise<void> {
    this.status = 'loading';
    const all: StaffSpace[] = [];
    let cursor: string | undefined;
    try {
      for (let page = 0; page < 20; page += 1) {
        const list = await this.spaces.list({ limit: 100, cursor, archived: session.isAdmin ? true : undefined });
        all.push(...list.items.map(({ id, slug, name, archived }) => ({ id, slug, name, archived })));
        if (!list.nextCursor) break;
        cursor = list.nextCursor;
      }
      this.items = all
        .filter((space) => session.moderates(space.slug))
        .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
      this.status = 'ready';
    } catch {
      this.status = 'unavailable';
      this.#loading = undefined;
    }
  }

  nameOf(id: string | null): string | undefined {
    return id ? this.items.find((space) => space.id === id)?.name : undefined;
  }
}

export const staffSpaces = new StaffSpaces();
