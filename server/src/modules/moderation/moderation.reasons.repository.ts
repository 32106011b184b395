/** Removal-reason templates (admin-editable). */
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { reasonTemplates } from '../../db/schema';

export type ReasonTemplateRow = typeof reasonTemplates.$inferSelect;

export const reasonTemplatesRepository = {
  async listReasonTemplates(db: Executor): Promise<ReasonTemplateRow[]> {
    return db.select().from(reasonTemplates).orderBy(asc(reasonTemplates.createdAt), asc(reasonTemplates.id));
  },

  async lockReasonTemplate(db: Executor, id: string): Promise<ReasonTemplateRow | null> {
    const [row] = await db.select().from(reasonTemplates).where(eq(reasonTemplates.id, id)).for('update').limit(1);
    return row ?? null;
  },

  async insertReasonTemplate(db: Executor, values: typeof reasonTemplates.$inferInsert): Promise<ReasonTemplateRow> {
    const [row] = await db.insert(reasonTemplates).values(values).returning();
    if (!row) throw new Error('reason template insert returned nothing');
    return row;
  },

  async updateReasonTemplate(
    db: Executor,
    id: string,
    values: Partial<Omit<typeof reasonTemplates.$inferInsert, 'id' | 'createdAt'>>,
  ): Promise<ReasonTemplateRow> {
    const [row] = await db.update(reasonTemplates).set(values).where(eq(reasonTemplates.id, id)).returning();
    if (!row) throw new Error('reason template vanished');
    return row;
  },

  async deleteReasonTemplate(db: Executor, id: string): Promise<ReasonTemplateRow | null> {
    const [row] = await db.delete(reasonTemplates).where(eq(reasonTemplates.id, id)).returning();
    return row ?? null;
  },
};
