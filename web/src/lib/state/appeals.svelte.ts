/**
 * The moderators' appeals screen: open appeals and decided ones as two lists, each paged with "meer laden"
 * (the server pages by status, newest first), and the number of open appeals over all pages. Deciding one
 * moves it from the open list to the top of the decided list.
 */
import type { Appeal, AppealList } from '@kring/shared';
import { ApiError } from '$lib/api/client';
import { moderationApi, type ModerationApi } from '$lib/api/moderation';

type Status = 'open' | 'decided';

class AppealPages {
  items = $state<Appeal[]>([]);
  nextCursor = $state<string | null>(null);
  loadingMore = $state(false);

  constructor(
    private readonly moderation: ModerationApi,
    private readonly status: Status,
  ) {}

  async first(): Promise<AppealList> {
    const page = await this.moderation.appeals({ status: this.status });
    this.items = page.items;
    this.nextCursor = page.nextCursor;
    return page;
  }

  async more(): Promise<AppealList | null> {
    if (!this.nextCursor || this.loadingMore) return null;
    this.loadingMore = true;
    try {
      const page = await this.moderation.appeals({ status: this.status, cursor: this.nextCursor });
      const known = new Set(this.items.map((a) => a.id));
      this.items = [...this.items, ...page.items.filter((a) => !known.has(a.id))];
      this.nextCursor = page.nextCursor;
      return page;
    } finally {
      this.loadingMore = false;
    }
  }
}

export class AppealsReview {
  status = $state<'loading' | 'ready' | 'forbidden' | 'unavailable'>('loading');
  /** Open appeals in every space this moderator may decide for (not only the loaded ones). */
  openCount = $state(0);
  readonly open: AppealPages;
  readonly decided: AppealPages;

  constructor(moderation: ModerationApi = moderationApi) {
    this.open = new AppealPages(moderation, 'open');
    this.decided = new AppealPages(moderation, 'decided');
  }

  async load(): Promise<void> {
    try {
      const [open] = await Promise.all([this.open.first(), this.decided.first()]);
      this.openCount = open.openCount;
      this.status = 'ready';
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.status = [401, 403, 404].includes(error.status) ? 'forbidden' : 'unavailable';
    }
  }

  async more(list: Status): Promise<void> {
    try {
      const page = await (list === 'open' ? this.open : this.decided).more();
      if (page) this.openCount = page.openCount;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
  }

  decidedOne(appeal: Appeal): void {
    if (this.open.items.some((a) => a.id === appeal.id)) {
      this.open.items = this.open.items.filter((a) => a.id !== appeal.id);
      this.openCount = Math.max(0, this.openCount - 1);
    }
    this.decided.items = [appeal, ...this.decided.items.filter((a) => a.id !== appeal.id)];
  }
}
