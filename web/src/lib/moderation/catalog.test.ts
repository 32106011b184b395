import { describe, expect, it } from 'vitest';
import en from '../i18n/en/moderation.json';
import nl from '../i18n/nl/moderation.json';
import { auditActions, postActionsFor, reportReasons, resolveActions } from './catalog';

describe('moderation catalog', () => {
  it('offers the six report reasons, the worried one first', () => {
    expect(reportReasons).toEqual(['at_risk', 'unkind', 'misinformation', 'personal_info', 'spam', 'other']);
  });

  it('offers restore for hidden and removed posts, hide and remove for visible ones', () => {
    expect(postActionsFor('hidden')).toContain('restore_post');
    expect(postActionsFor('removed')).not.toContain('hide_post');
    expect(postActionsFor('published')).toEqual(expect.arrayContaining(['hide_post', 'remove_post']));
    expect(postActionsFor('published')).not.toContain('restore_post');
  });

  it('offers approve and reject (and an edit) for a held post, nothing that publishes it another way', () => {
    expect(postActionsFor('pending')).toEqual(['approve_post', 'reject_post', 'edit_post']);
    expect(postActionsFor('published')).not.toContain('approve_post');
  });

  it('resolves items only with actions that need no more than a reason and a mute length', () => {
    for (const actions of Object.values(resolveActions)) {
      for (const action of actions) {
        expect(['edit_post', 'label_post', 'move_thread', 'suspend_user', 'unmask_author']).not.toContain(action);
      }
    }
    expect(resolveActions.user).not.toContain('hide_post');
  });

  it('gives every audit action the server writes a filter entry and a label in both languages', () => {
    expect(auditActions).toEqual(expect.arrayContaining(['hide_post', 'queue_resolved', 'reason_template_added']));
    for (const messages of [nl, en]) {
      const labels: Record<string, string> = messages.log.actions;
      const sentences: Record<string, string> = messages.log.sentences;
      for (const action of auditActions) {
        expect(labels[action], action).toEqual(expect.any(String));
        expect(sentences[action], action).toEqual(expect.any(String));
      }
    }
  });
});
