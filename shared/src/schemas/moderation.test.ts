import { describe, expect, it } from 'vitest';
import '../zod-config';
import { actionBodySchema, auditQuerySchema, moderationActionSchema } from './moderation';

const base = { targetType: 'post', targetId: '00000000-0000-4000-8000-000000000000', reason: 'Huisregels' } as const;
const fieldsOf = (body: Record<string, unknown>) => {
  const parsed = actionBodySchema.safeParse(body);
  return parsed.success ? null : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]));
};

describe('actionBodySchema', () => {
  it('has a shape for every moderator action', () => {
    for (const action of moderationActionSchema.options) {
      const extra =
        action === 'mute_user'
          ? { durationHours: 24 }
          : action === 'edit_post'
            ? { body: 'Aangepast' }
            : action === 'move_thread'
              ? { toSpace: base.targetId }
              : {};
      expect(fieldsOf({ action, ...base, ...extra }), action).toBeNull();
    }
  });

  it('names the field an action needs when it is missing', () => {
    expect(fieldsOf({ action: 'mute_user', ...base })).toEqual({ durationHours: 'is required' });
    expect(fieldsOf({ action: 'edit_post', ...base })).toEqual({ body: 'is required' });
    expect(fieldsOf({ action: 'move_thread', ...base })).toEqual({ toSpace: 'is required' });
    expect(fieldsOf({ action: 'mute_user', ...base, durationHours: 5 })).toEqual({
      durationHours: 'must be one of: 24, 72, 168, 720',
    });
  });

  it("refuses another action's fields and unknown actions", () => {
    expect(fieldsOf({ action: 'hide_post', ...base, body: 'x' })).toEqual({
      '': 'has fields that are not allowed: body',
    });
    expect(fieldsOf({ action: 'warn_user', ...base, durationHours: 24 })).not.toBeNull();
    expect(fieldsOf({ action: 'explode', ...base })).toEqual({ action: 'is none of the allowed shapes' });
  });

  it('keeps label and a ban duration optional', () => {
    expect(fieldsOf({ action: 'label_post', ...base })).toBeNull();
    expect(fieldsOf({ action: 'ban_user', ...base })).toBeNull();
    expect(fieldsOf({ action: 'ban_user', ...base, durationHours: 720 })).toBeNull();
  });
});

describe('auditQuerySchema', () => {
  it('filters by a known audit action only', () => {
    expect(auditQuerySchema.safeParse({ action: 'queue_resolved' }).success).toBe(true);
    expect(auditQuerySchema.safeParse({ action: 'drop_table' }).success).toBe(false);
  });
});
