import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  // The drift check (scripts/check-migrations.ts) points this at a scratch copy.
  out: process.env.KRING_MIGRATIONS_OUT ?? '../migrations',
});
