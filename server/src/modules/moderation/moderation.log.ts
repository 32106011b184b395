/** The audit log: moderators see their spaces' entries, admins everything; newest first, keyset pages. */
import type { AuditAction, AuditEntry } from '@kring/shared';
import type { AppContext } from '../../context';
import type { MemberActor } from '../../lib/actor';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { isUuid } from '../../lib/ids';
import { ok, type Result } from '../../lib/result';
import { forbidden, invalidCursor } from './moderation.errors';
import { auditLogRepository } from './moderation.log.repository';
import { isStaff, moderatedSpaces } from './moderation.policy';
import { resolveSpaceFilter } from './moderation.queue';
import { auditView } from './moderation.view';

export const LOG_PAGE_SIZE = 50;

/** Log pages: (created_at, id) of the last entry; undefined for a cursor that is not one. */
function readLogCursor(cursor: string): { createdAt: Date; id: string } | undefined {
  const [at, id] = decodeCursor(cursor, 2) ?? [];
  if (!at || !id || !isUuid(id) || Number.isNaN(Date.parse(at))) return undefined;
  return { createdAt: new Date(at), id };
}

export type LogDeps = Record<string, never>;

export function createLogService(ctx: AppContext, _deps: LogDeps) {
  const db = ctx.database.db;

  async function log(
    actor: MemberActor,
    query: { space?: string; actor?: string; action?: AuditAction; cursor?: string },
  ): Promise<Result<{ items: AuditEntry[]; nextCursor: string | null }>> {
    if (!isStaff(actor)) return forbidden();
    const spaceFilter = await resolveSpaceFilter(db, actor, query.space);
    if (!spaceFilter.ok) return spaceFilter;
    const before = query.cursor === undefined ? undefined : readLogCursor(query.cursor);
    if (query.cursor !== undefined && !before) return invalidCursor();
    if (query.actor !== undefined && !isUuid(query.actor)) return ok({ items: [], nextCursor: null });
    const rows = await auditLogRepository.listAudit(db, {
      spaceIds: moderatedSpaces(actor),
      ...(spaceFilter.value ? { space: spaceFilter.value } : {}),
      ...(query.actor ? { actor: query.actor } : {}),
      ...(query.action ? { action: query.action } : {}),
      ...(before ? { before } : {}),
      limit: LOG_PAGE_SIZE + 1,
    });
    const page = rows.slice(0, LOG_PAGE_SIZE);
    const last = page.at(-1);
    return ok({
      items: page.map((r) => auditView(r.entry, r.actorUsername)),
      nextCursor:
        rows.length > LOG_PAGE_SIZE && last ? encodeCursor([last.entry.createdAt.toISOString(), last.entry.id]) : null,
    });
  }

  return { log };
}

export type LogService = ReturnType<typeof createLogService>;
