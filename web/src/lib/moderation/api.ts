/**
 * The moderation endpoints the web app calls, typed. Components call these (through state classes
 * where there is state to keep); errors stay ApiErrors for `moderationError()`.
 */
import type { Appeal, AuditEntry, ModerationActionName, QueueItem } from '@kring/shared';
import { createApiClient } from '$lib/api/client';
import { queryString } from '$lib/api/query';
import type { ActionInput, ReportReasonName, ReportTarget } from './catalog';

export interface ActionResult {
  action: { id: string; action: ModerationActionName; targetType: ReportTarget; targetId: string; createdAt: string };
  author?: { id: string; username: string };
}

export interface MyDecision {
  id: string;
  action: string;
  spaceId: string | null;
  target: { type: string; id: string };
  reason: string | null;
  createdAt: string;
  appealable: boolean;
  appeal: Appeal | null;
}

export interface WatchedWord {
  id: string;
  pattern: string;
  action: 'block' | 'hold' | 'flag';
  spaceId: string | null;
  createdAt: string;
}

type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

export function moderationApi(fetchFn: FetchLike = (input, init) => fetch(input, init)) {
  const api = createApiClient(fetchFn);
  return {
    /** 201 for a new report, 200 (`created: false`) when this member had already reported it. */
    async report(input: { targetType: ReportTarget; targetId: string; reason: ReportReasonName; note?: string }) {
      let status = 0;
      const client = createApiClient(async (request, init) => {
        const response = await fetchFn(request, init);
        status = response.status;
        return response;
      });
      const { report } = await client.post<{ report: { id: string } }>('/api/reports', input);
      return { report, created: status === 201 };
    },
    act(action: ModerationActionName, targetType: ReportTarget, targetId: string, input: ActionInput, space?: string) {
      return api.post<ActionResult>('/api/moderation/actions', {
        action,
        targetType,
        targetId,
        ...input,
        ...(space ? { space } : {}),
      });
    },
    item(id: string) {
      return api.get<{ item: QueueItem }>(`/api/moderation/queue/${encodeURIComponent(id)}`);
    },
    log(query: { space?: string; actor?: string; action?: string; cursor?: string }) {
      return api.get<{ items: AuditEntry[]; nextCursor: string | null }>(`/api/moderation/log${queryString(query)}`);
    },
    myDecisions() {
      return api.get<{ items: MyDecision[] }>('/api/appeals');
    },
    appeal(actionId: string, message: string) {
      return api.post<{ appeal: Appeal }>('/api/appeals', { actionId, message });
    },
    appeals() {
      return api.get<{ items: Appeal[] }>('/api/moderation/appeals');
    },
    decideAppeal(id: string, decision: 'uphold' | 'overturn', reason: string) {
      return api.post<{ appeal: Appeal }>(`/api/moderation/appeals/${encodeURIComponent(id)}/decide`, {
        decision,
        reason,
      });
    },
    watchedWords() {
      return api.get<{ items: WatchedWord[] }>('/api/admin/watched-words');
    },
    addWatchedWord(input: { pattern: string; action: WatchedWord['action']; space?: string }) {
      return api.post<{ word: WatchedWord }>('/api/admin/watched-words', input);
    },
    removeWatchedWord(id: string) {
      return api.delete<{ word: WatchedWord }>(`/api/admin/watched-words/${encodeURIComponent(id)}`);
    },
  };
}

export const moderation = moderationApi();
