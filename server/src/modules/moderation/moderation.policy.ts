/**
 * Who may do what in moderation. Pure predicates; deny by default.
 * - Moderators act in the spaces they moderate, admins everywhere; a moderator of one space has no
 *   power in another. Items without a space (reports on a member) are for admins.
 * - Site-wide suspension and unmasking an anonymous author are for admins only.
 * - An appeal is decided by someone other than the one who took the action.
 */
import type { AuditAction, ModerationActionName } from '@kring/shared';
import { isAdmin, type Actor } from '../../lib/actor';
import { canModerateIn } from '../spaces/spaces.policy';

export const adminOnlyActions: readonly ModerationActionName[] = ['suspend_user', 'unmask_author'];

export function isStaff(actor: Actor): boolean {
  return actor.kind === 'member' && (actor.role === 'admin' || actor.moderatorOf.length > 0);
}

/** Who moderates where is the spaces domain's rule (spaces.policy.ts). */
export { canModerateIn } from '../spaces/spaces.policy';

export function canTakeAction(actor: Actor, action: ModerationActionName, spaceId: string | null): boolean {
  if (adminOnlyActions.includes(action)) return isAdmin(actor);
  return canModerateIn(actor, spaceId);
}

export function canDecideAppeal(actor: Actor, appeal: { spaceId: string | null }, actedBy: string | null): boolean {
  if (actor.kind !== 'member') return false;
  if (actedBy !== null && actedBy === actor.userId) return false;
  return canModerateIn(actor, appeal.spaceId);
}

/** The spaces whose queue and log the actor sees: null = all (admins). */
export function moderatedSpaces(actor: Actor): readonly string[] | null {
  if (actor.kind !== 'member') return [];
  if (actor.role === 'admin') return null;
  return actor.moderatorOf;
}

/** Actions a member may appeal (once each). */
export const appealableActions: ReadonlySet<string> = new Set<AuditAction>([
  'hide_post',
  'remove_post',
  'edit_post',
  'label_post',
  'warn_user',
  'mute_user',
  'ban_user',
  'suspend_user',
  'auto_hide_post',
  'reject_post',
]);

/** Decisions the member they concern hears about (`ctx.moderationHooks` → notifications). */
export const notifiedActions: ReadonlySet<string> = new Set<AuditAction>([
  ...(appealableActions as ReadonlySet<AuditAction>),
  'restore_post',
  'approve_post',
  'unban_user',
]);
