/**
 * Every action the server writes to the audit log is in the shared `auditActionSchema` (so each audit row
 * has a label and a filter in the web): the moderator actions (the handler table) and every literal
 * action passed to an audit write anywhere under modules/.
 */
import { auditActionSchema } from '@kring/shared';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionHandlers } from './moderation.actions';

const modulesDir = join(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The string literals given as `action` in the audit writes (`insertAudit`, `auditRepository.record`, `audit(`). */
function writtenActions(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sourceFiles(modulesDir)) {
    const text = readFileSync(file, 'utf8');
    const writes = /(insertAudit|auditRepository\.record|await audit)\(([^;]*?)\);/gs;
    for (const write of text.matchAll(writes)) {
      const args = write[2] ?? '';
      // `action: 'x'` (or a ternary of two), or the action argument of the templates' `audit(tx, actor, 'x', …)`.
      const expressions = [...args.matchAll(/action:\s*([^\n]*)/g), ...args.matchAll(/actor,\s*('[a-z_]+')/g)];
      for (const expression of expressions) {
        // The values it can take, not what a condition compares with (`x === 'overturn' ? 'a' : 'b'`).
        for (const literal of (expression[1] ?? '').matchAll(/(?<!=== )'([a-z_]+)'/g))
          found.set(literal[1] ?? '', file);
      }
    }
  }
  return found;
}

describe('auditActionSchema', () => {
  const known = new Set<string>(auditActionSchema.options);

  it('has every moderator action', () => {
    for (const action of Object.keys(actionHandlers)) expect(known, action).toContain(action);
  });

  it('has every action an audit write names', () => {
    const written = writtenActions();
    // The scan finds the writes at all (moderation, appeals, the queue, watched words, templates, spaces).
    for (const action of ['auto_hide_post', 'queue_resolved', 'appeal_upheld', 'space_created', 'watched_word_added'])
      expect([...written.keys()]).toContain(action);
    for (const [action, file] of written) expect(known, `${action} (${file})`).toContain(action);
  });
});
