/**
 * The moderator decisions about the signed-in member's own content or account (`GET /api/appeals`),
 * with their appeals: the notice on a hidden post, the account's "Besluiten" list and the appeal form
 * all read from here, so an appeal made in one place shows everywhere.
 */
import type { Appeal } from '@kring/shared';
import { moderationApi, type ModerationApi, type MyDecision } from '$lib/api/moderation';

export class MyDecisions {
  items = $state<MyDecision[]>([]);
  status = $state<'idle' | 'loading' | 'ready' | 'unavailable'>('idle');
  #loading: Promise<void> | undefined;

  constructor(private readonly moderation: ModerationApi = moderationApi) {}

  /** Loads once; `refresh()` asks again (after a live change to one's own post). */
  ensure(): Promise<void> {
    this.#loading ??= this.refresh();
    return this.#loading;
  }

  async refresh(): Promise<void> {
    if (this.status !== 'ready') this.status = 'loading';
    try {
      const { items } = await this.moderation.myDecisions();
      this.items = items;
      this.status = 'ready';
    } catch {
      if (this.status !== 'ready') this.status = 'unavailable';
      this.#loading = undefined;
    }
  }

  /** The newest decision about this post or thread (decisions come newest first). */
  latestFor(type: string, id: string): MyDecision | undefined {
    return this.items.find((d) => d.target.type === type && d.target.id === id);
  }

  async appeal(decision: MyDecision, message: string): Promise<Appeal> {
    const { appeal } = await this.moderation.appeal(decision.id, message);
    this.items = this.items.map((d) => (d.id === decision.id ? { ...d, appeal, appealable: false } : d));
    return appeal;
  }

  reset(): void {
    this.items = [];
    this.status = 'idle';
    this.#loading = undefined;
  }
}

export const myDecisions = new MyDecisions();
