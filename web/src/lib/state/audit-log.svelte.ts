/**
 * The audit log screen's state: filters (space, actor, action), pages with "meer laden" (keyset
 * cursor), and the actors seen so far (the actor filter takes an id; the screen offers the names).
 */
import type { AuditAction, AuditEntry } from '@kring/shared';
import { ApiError } from '$lib/api/client';
import { moderationApi, type ModerationApi } from '$lib/api/moderation';

type Actor = NonNullable<AuditEntry['actor']>;

export interface AuditFilter {
  space: string;
  actor: string;
  /** One of the shared audit actions, or '' for any. */
  action: AuditAction | '';
}

export class AuditLog {
  items = $state<AuditEntry[]>([]);
  nextCursor = $state<string | null>(null);
  status = $state<'loading' | 'ready' | 'forbidden' | 'unavailable'>('loading');
  loadingMore = $state(false);
  filter = $state<AuditFilter>({ space: '', actor: '', action: '' });
  /** Everyone who appeared as an actor in what was loaded, for the actor filter. */
  actors = $state<Actor[]>([]);

  constructor(private readonly moderation: ModerationApi = moderationApi) {}

  #query(cursor?: string) {
    const { space, actor, action } = this.filter;
    return {
      ...(space ? { space } : {}),
      ...(actor ? { actor } : {}),
      ...(action ? { action } : {}),
      ...(cursor ? { cursor } : {}),
    };
  }

  #remember(entries: AuditEntry[]) {
    const known: Record<string, Actor> = {};
    for (const actor of this.actors) known[actor.id] = actor;
    for (const entry of entries) if (entry.actor) known[entry.actor.id] ??= entry.actor;
    this.actors = Object.values(known).sort((a, b) => a.username.localeCompare(b.username));
  }

  async load(): Promise<void> {
    this.status = 'loading';
    try {
      const page = await this.moderation.log(this.#query());
      this.items = page.items;
      this.nextCursor = page.nextCursor;
      this.#remember(page.items);
      this.status = 'ready';
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.status = [401, 403, 404].includes(error.status) ? 'forbidden' : 'unavailable';
    }
  }

  async more(): Promise<void> {
    if (!this.nextCursor || this.loadingMore) return;
    this.loadingMore = true;
    try {
      const page = await this.moderation.log(this.#query(this.nextCursor));
      const known = this.items.map((e) => e.id);
      this.items = [...this.items, ...page.items.filter((e) => !known.includes(e.id))];
      this.nextCursor = page.nextCursor;
      this.#remember(page.items);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    } finally {
      this.loadingMore = false;
    }
  }

  setFilter(filter: AuditFilter): Promise<void> {
    this.filter = filter;
    return this.load();
  }
}
