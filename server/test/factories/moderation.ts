/** Test helpers for moderation: reports, actions and queue calls through the real HTTP API. */
import type { ZodApp } from '../../src/context';
import type { TestMember } from './members';

/** An account older than the auto-hide threshold (24 h), so its reports count. */
export const established = () => ({ createdAt: new Date(Date.now() - 3 * 86_400_000) });

export function api(app: ZodApp) {
  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, member: TestMember | null, payload?: object) =>
    app.inject({
      method,
      url,
      headers: member ? { cookie: member.cookie } : {},
      ...(payload ? { payload } : {}),
    });
  return {
    call,
    report: (member: TestMember | null, targetType: string, targetId: string, reason = 'unkind', note?: string) =>
      call('POST', '/api/reports', member, { targetType, targetId, reason, ...(note ? { note } : {}) }),
    queue: (member: TestMember | null, query = '') => call('GET', `/api/moderation/queue${query}`, member),
    act: (member: TestMember | null, payload: Record<string, unknown>) =>
      call('POST', '/api/moderation/actions', member, payload),
    claim: (member: TestMember | null, id: string, verb: 'claim' | 'unclaim' = 'claim') =>
      call('POST', `/api/moderation/queue/${id}/${verb}`, member),
    resolve: (member: TestMember | null, id: string, payload: Record<string, unknown>) =>
      call('POST', `/api/moderation/queue/${id}/resolve`, member, payload),
    log: (member: TestMember | null, query = '') => call('GET', `/api/moderation/log${query}`, member),
    posts: (member: TestMember | null, threadId: string) => call('GET', `/api/threads/${threadId}/posts`, member),
  };
}
