/**
 * What the moderation screens offer: report reasons, the actions per target, mute steps and the
 * audit actions a filter can name (the shared `auditActionSchema`: every action the server writes).
 */
import { auditActionSchema, type AuditAction, type ModerationActionName, type QueueItem } from '@kring/shared';

export const reportReasons = ['at_risk', 'unkind', 'misinformation', 'personal_info', 'spam', 'other'] as const;
export type ReportReasonName = (typeof reportReasons)[number];

/** What a report or an action is about (the contract's `ReportTargetType`). */
export type ReportTarget = QueueItem['target']['type'];

/** Mute steps in hours: 24 h, 72 h, 7 days, 30 days. */
export const muteDurations = [24, 72, 168, 720] as const;
export type MuteDuration = (typeof muteDurations)[number];

export const postActions = [
  'hide_post',
  'remove_post',
  'restore_post',
  'edit_post',
  'label_post',
] as const satisfies readonly ModerationActionName[];
export const threadActions = [
  'lock_thread',
  'unlock_thread',
  'pin_thread',
  'unpin_thread',
  'move_thread',
] as const satisfies readonly ModerationActionName[];
export const authorActions = [
  'warn_user',
  'mute_user',
  'ban_user',
  'unban_user',
] as const satisfies readonly ModerationActionName[];
export const adminAuthorActions = ['suspend_user', 'unmask_author'] as const satisfies readonly ModerationActionName[];

/** Actions a queue item can be resolved with ("agree + action"), per target type. */
export const resolveActions: Record<ReportTarget, readonly ModerationActionName[]> = {
  post: ['hide_post', 'remove_post', 'warn_user', 'mute_user', 'ban_user'],
  thread: ['lock_thread', 'warn_user', 'mute_user', 'ban_user'],
  user: ['warn_user', 'mute_user', 'ban_user'],
};

/** Which post actions make sense for a post in this state (a held post: approve or reject it). */
export function postActionsFor(status: string): readonly ModerationActionName[] {
  if (status === 'pending') return ['approve_post', 'reject_post', 'edit_post'];
  if (status === 'hidden' || status === 'removed') return ['restore_post', 'edit_post', 'label_post'];
  return ['hide_post', 'remove_post', 'edit_post', 'label_post'];
}

/** Every action the server writes to the audit log: each one is a filter and has a label (catalog.test.ts). */
export const auditActions: readonly AuditAction[] = auditActionSchema.options;

/** A filter's chosen value as an audit action ('' for any, or for anything the list does not name). */
export function auditActionOf(value: string): AuditAction | '' {
  return auditActions.find((action) => action === value) ?? '';
}

/** The keys the queue page reacts to (never while typing in a field). */
export const queueShortcuts = ['j', 'k', 'c', 'u', 'g', 'w', 'h', 'a', 'd', 'i', 'o', '?'] as const;

/** True when a keyboard event comes from somewhere the person is typing. */
export function isTyping(event: KeyboardEvent): boolean {
  const target = event.target;
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return (
    target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement
  );
}

/** What an action dialog sends besides the action and its target. */
export interface ActionInput {
  reason: string;
  durationHours?: MuteDuration;
  note?: string;
  body?: string;
  label?: string;
  toSpace?: string;
}

/** The label the issue names, offered as the default for "label a post". */
export const defaultPostLabel = {
  nl: 'ervaringskennis — geen medisch advies',
  en: 'lived experience — not medical advice',
};
