/**
 * Who may read a space's threads and posts, as SQL: the one written form of `canReadSpace`
 * (spaces.policy.ts) for queries. Spaces' directory, search, notifications (mentions) and follows
 * (digests) all filter with these, so the rule lives in one place:
 *
 * - public and registered spaces: every member (guests: public only);
 * - closed spaces: approved members, the space's moderators and admins.
 */
import { inArray, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { spaceMembers, spaceModerators, spaces, users } from '../../db/schema';
import { isAdmin, type Actor } from '../../lib/actor';

/** The spaces (rows of `spaces` in the query) whose threads the actor may read. */
export function readableBy(actor: Actor): SQL {
  if (actor.kind === 'guest') return sql`${spaces.visibility} = 'public'`;
  if (isAdmin(actor)) return sql`true`;
  const conditions: SQL[] = [
    inArray(spaces.visibility, ['public', 'registered']),
    sql`exists (select 1 from ${spaceMembers} where ${spaceMembers.spaceId} = ${spaces.id} and ${spaceMembers.userId} = ${actor.userId} and ${spaceMembers.status} = 'approved')`,
  ];
  // The session already knows which spaces the actor moderates.
  if (actor.moderatorOf.length > 0) conditions.push(inArray(spaces.id, [...actor.moderatorOf]));
  return or(...conditions) ?? sql`false`;
}

/** The member in `user` (a column or value) may read the space `spaceId` — for someone other than the actor. */
export function userCanReadSpace(spaceId: string, user: SQLWrapper): SQL {
  return sql`exists (
    select 1 from ${spaces} s where s.id = ${spaceId} and (
      s.visibility in ('public', 'registered')
      or exists (select 1 from ${spaceMembers} m where m.space_id = s.id and m.user_id = ${user} and m.status = 'approved')
      or exists (select 1 from ${spaceModerators} sm where sm.space_id = s.id and sm.user_id = ${user})
      or exists (select 1 from ${users} a where a.id = ${user} and a.role = 'admin')
    )
  )`;
}
