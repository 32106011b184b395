/**
 * Who is signed in, from `GET /api/me` (null for guests). Loaded once by the layout; screens read it to
 * show or hide controls (the admin link, moderator tools). The server still decides every request.
 */
import type { Me } from '@kring/shared';
import { api as defaultApi, ApiError, type ApiClient } from '$lib/api/client';

export type SessionStatus = 'idle' | 'loading' | 'ready';

export class SessionState {
  user = $state<Me | null>(null);
  status = $state<SessionStatus>('idle');

  readonly isAdmin = $derived(this.user?.role === 'admin');

  constructor(private readonly api: ApiClient = defaultApi) {}

  async load(): Promise<void> {
    this.status = 'loading';
    try {
      const { user } = await this.api.get<{ user: Me }>('/api/me');
      this.user = user;
    } catch (error) {
      // 401: signed out. Anything else (offline, not yet available): treat as signed out; the server decides.
      if (!(error instanceof ApiError)) throw error;
      this.user = null;
    } finally {
      this.status = 'ready';
    }
  }

  /** Whether the signed-in member moderates the space with this slug (admins moderate every space). */
  moderates(slug: string): boolean {
    return this.isAdmin || (this.user?.moderatorOf.includes(slug) ?? false);
  }
}

/** The app-wide session. */
export const session = new SessionState();
