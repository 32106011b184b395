import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clearAllDrafts, clearDraft, draftScope, loadDraft, newIdempotencyKey, saveDraft } from './drafts';
import { MemoryStorage } from '../testing/memory-storage';

beforeEach(() => {
  (globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage();
});
afterEach(() => {
  delete (globalThis as { localStorage?: unknown }).localStorage;
});

describe('drafts', () => {
  it('keeps a draft per thread, with the key of an unconfirmed submit, until cleared', () => {
    const scope = draftScope.reply('thread-1');
    const idempotencyKey = newIdempotencyKey();
    saveDraft(scope, { body: 'Half af', anonymous: true, idempotencyKey });
    expect(loadDraft(scope)).toMatchObject({ body: 'Half af', anonymous: true, idempotencyKey });
    expect(loadDraft(draftScope.reply('thread-2'))).toBeNull();
    clearDraft(scope);
    expect(loadDraft(scope)).toBeNull();
  });

  it('ignores a damaged draft instead of failing', () => {
    localStorage.setItem('kring.draft.reply.x', '{niet json');
    expect(loadDraft('reply.x')).toBeNull();
  });

  it('works without storage at all', () => {
    delete (globalThis as { localStorage?: unknown }).localStorage;
    expect(() => saveDraft('reply.y', { body: 'x', anonymous: false })).not.toThrow();
    expect(loadDraft('reply.y')).toBeNull();
  });

  it('makes keys the server accepts (8–100 characters of letters, digits, - _ . :)', () => {
    const key = newIdempotencyKey();
    expect(key).toMatch(/^[A-Za-z0-9_.:-]{8,100}$/);
    expect(newIdempotencyKey()).not.toBe(key);
  });

  it('clearAllDrafts removes every draft on the device and nothing else', () => {
    saveDraft(draftScope.reply('thread-1'), { body: 'Mijn verhaal', anonymous: false });
    saveDraft(draftScope.reply('thread-2'), { body: 'Nog een', anonymous: true });
    saveDraft(draftScope.thread('borstkanker'), { body: 'Nieuw gesprek', anonymous: false, title: 'Titel' });
    localStorage.setItem('kring.locale', 'en');
    clearAllDrafts();
    expect(loadDraft(draftScope.reply('thread-1'))).toBeNull();
    expect(loadDraft(draftScope.reply('thread-2'))).toBeNull();
    expect(loadDraft(draftScope.thread('borstkanker'))).toBeNull();
    expect(localStorage.getItem('kring.locale')).toBe('en');
  });
});
