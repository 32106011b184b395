/**
 * Who is signed in, for every screen: `session.user` is the member (GET /api/auth/session) or null for a guest.
 * Other features import `session` and read `session.user`; only the accounts screens change it.
 */
import type { Locale, Me } from '@kring/shared';
import { accountsApi, type AccountsApi } from '$lib/api/accounts';
import { renewSocket } from '$lib/realtime/socket';
import { clearAllDrafts } from '$lib/state/drafts';

export type SessionStatus = 'unknown' | 'ready' | 'unavailable';

export class SessionState {
  /** The signed-in member, or null. */
  user = $state<Me | null>(null);
  /** `unavailable` when the server could not be asked (the app then behaves as for a guest). */
  status = $state<SessionStatus>('unknown');
  readonly isAdmin = $derived(this.user?.role === 'admin');

  constructor(private readonly accounts: AccountsApi = accountsApi) {}

  /** Asks the server who this browser is signed in as. */
  async load(): Promise<void> {
    try {
      // Not GET /api/me: for a guest that is a 401, which every browser logs as a console error.
      const { user } = await this.accounts.session();
      this.user = user;
      this.status = 'ready';
    } catch {
      this.user = null;
      this.status = 'unavailable';
    }
  }

  /** Whether the signed-in member moderates the space with this slug (admins moderate every space). */
  moderates(slug: string): boolean {
    return this.isAdmin || (this.user?.moderatorOf.includes(slug) ?? false);
  }

  /** After sign-up, login, recovery or a settings change: the member as the server returned them. */
  setUser(user: Me | null): void {
    const changed = (this.user?.id ?? null) !== (user?.id ?? null);
    this.user = user;
    this.status = 'ready';
    if (changed) this.#identityChanged(user === null);
  }

  /** The live connection follows who is signed in; signing out leaves no drafts behind on this device. */
  #identityChanged(signedOut: boolean): void {
    if (signedOut) clearAllDrafts();
    renewSocket();
  }

  /** Signs this browser out; the user is a guest afterwards even if the server could not be reached. */
  async signOut(): Promise<void> {
    try {
      await this.accounts.logout();
    } finally {
      this.setUser(null);
    }
  }

  /** Remembers the interface language on the account too, when signed in. */
  async saveLocale(locale: Locale): Promise<void> {
    if (!this.user || this.user.locale === locale) return;
    const { user } = await this.accounts.updateMe({ locale });
    this.user = user;
  }
}

export const session = new SessionState();
