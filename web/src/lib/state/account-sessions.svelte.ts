/** The member's own sessions on the account page: load, end one, end all others. */
import type { SessionInfo } from '@kring/shared';
import { accountsApi, type AccountsApi } from '$lib/api/accounts';

export class AccountSessions {
  items = $state<SessionInfo[]>([]);
  status = $state<'loading' | 'ready' | 'unavailable'>('loading');

  constructor(private readonly accounts: AccountsApi = accountsApi) {}

  async load(): Promise<void> {
    try {
      this.items = (await this.accounts.sessions()).items;
      this.status = 'ready';
    } catch {
      this.status = 'unavailable';
    }
  }

  async revoke(id: string): Promise<void> {
    await this.accounts.endSession(id);
    this.items = this.items.filter((s) => s.id !== id);
  }

  async revokeOthers(): Promise<void> {
    await this.accounts.endOtherSessions();
    this.items = this.items.filter((s) => s.current);
  }
}
