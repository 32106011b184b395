/**
 * Moderation: reports, the review queue, moderator actions, the audit log, appeals, watched words,
 * reason templates and the composer's content check. Components call these (through state classes
 * where there is state to keep); errors stay ApiErrors for `moderationError()`.
 */
import type {
  ActionBody,
  AppealList,
  AppealQuery,
  ContentCheckResponse,
  MyDecisionList,
  QueueList,
  ReasonTemplateList,
  ActionResult,
  AppealResponse,
  QueueItemResponse,
  ResolveBody,
  AuditList,
  AuditQuery,
  QueueQuery,
  ReportBody,
  ReportResponse,
  AppealDecisionBody,
  WatchedWordBody,
  WatchedWordList,
  WatchedWordResponse,
  ReasonTemplateResponse,
  CreateReasonTemplateBody,
  UpdateReasonTemplateBody,
  ContentCheckBody,
} from '@kring/shared';

export type {
  ActionBody,
  ActionResult,
  AppealResponse,
  QueueItemResponse,
  ResolveBody,
  AuditList,
  AuditQuery,
  QueueQuery,
  ReportBody,
  ReportResponse,
  AppealDecisionBody,
  WatchedWordBody,
  WatchedWordList,
  WatchedWordResponse,
  WatchedWord,
  ReasonTemplateResponse,
  CreateReasonTemplateBody,
  UpdateReasonTemplateBody,
  ContentCheckBody,
} from '@kring/shared';
import { api, type ApiClient, type RequestOptions } from './client';
import { queryString, segment } from './query';

/** One decision about the member's own content, as `GET /api/appeals` lists them. */
export type MyDecision = MyDecisionList['items'][number];

const queuePath = (id: string) => `/api/moderation/queue/${segment(id)}`;
const reasonTemplatePath = (id: string) => `/api/admin/reason-templates/${segment(id)}`;

export function createModerationApi(client: ApiClient = api) {
  return {
    /** 201 for a new report, 200 (`created: false`) when this member had already reported it. */
    async report(body: ReportBody) {
      let status = 0;
      const { report } = await client.post<ReportResponse>('/api/reports', body, {
        onStatus: (code) => (status = code),
      });
      return { report, created: status === 201 };
    },
    act: (body: ActionBody) => client.post<ActionResult>('/api/moderation/actions', body),

    // ---- the review queue ----
    /** The query's parts go into the URL in the order given. */
    queue: (query: QueueQuery) => client.get<QueueList>(`/api/moderation/queue${queryString(query)}`),
    item: (id: string) => client.get<QueueItemResponse>(queuePath(id)),
    claim: (id: string) => client.post<QueueItemResponse>(`${queuePath(id)}/claim`, {}),
    unclaim: (id: string) => client.post<QueueItemResponse>(`${queuePath(id)}/unclaim`, {}),
    resolve: (id: string, body: ResolveBody) => client.post<QueueItemResponse>(`${queuePath(id)}/resolve`, body),

    log: (query: AuditQuery) => client.get<AuditList>(`/api/moderation/log${queryString(query)}`),

    // ---- appeals ----
    myDecisions: () => client.get<MyDecisionList>('/api/appeals'),
    appeal: (actionId: string, message: string) => client.post<AppealResponse>('/api/appeals', { actionId, message }),
    /** One page of the appeals the moderator may decide: `status` open or decided, newest first. */
    appeals: (query: AppealQuery = {}) => client.get<AppealList>(`/api/moderation/appeals${queryString(query)}`),
    decideAppeal: (id: string, body: AppealDecisionBody) =>
      client.post<AppealResponse>(`/api/moderation/appeals/${segment(id)}/decide`, body),

    // ---- watched words (admins) ----
    watchedWords: () => client.get<WatchedWordList>('/api/admin/watched-words'),
    addWatchedWord: (body: WatchedWordBody) => client.post<WatchedWordResponse>('/api/admin/watched-words', body),
    removeWatchedWord: (id: string) => client.delete<WatchedWordResponse>(`/api/admin/watched-words/${segment(id)}`),

    // ---- reason templates ----
    reasonTemplates: () => client.get<ReasonTemplateList>('/api/moderation/reason-templates'),
    createReasonTemplate: (body: CreateReasonTemplateBody) =>
      client.post<ReasonTemplateResponse>('/api/admin/reason-templates', body),
    updateReasonTemplate: (id: string, body: UpdateReasonTemplateBody) =>
      client.patch<ReasonTemplateResponse>(reasonTemplatePath(id), body),
    removeReasonTemplate: (id: string) => client.delete(reasonTemplatePath(id)),

    /** Crisis text and personal data in a draft (the composer's calm check while typing). */
    contentCheck: (body: ContentCheckBody, options?: RequestOptions) =>
      client.post<ContentCheckResponse>('/api/content/check', body, options),
  };
}

export type ModerationApi = ReturnType<typeof createModerationApi>;
export const moderationApi: ModerationApi = createModerationApi();
