/** The member's own sessions on the account page: load, end one, end all others. */
import type { SessionInfo, SessionList } from '@kring/shared';
import { api as defaultApi, type ApiClient } from '$lib/api/client';

export class AccountSessions {
  items = $state<SessionInfo[]>([]);
  status = $state<'loading' | 'ready' | 'unavailable'>('loading');

  constructor(private readonly api: ApiClient = defaultApi) {}

  async load(): Promise<void> {
    try {
      this.items = (await this.api.get<SessionList>('/api/me/sessions')).items;
      this.status = 'ready';
    } catch {
      this.status = 'unavailable';
    }
  }

  async revoke(id: string): Promise<void> {
    await this.api.delete(`/api/me/sessions/${encodeURIComponent(id)}`);
    this.items = this.items.filter((s) => s.id !== id);
  }

  async revokeOthers(): Promise<void> {
    await this.api.delete('/api/me/sessions');
    this.items = this.items.filter((s) => s.current);
  }
}
