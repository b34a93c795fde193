import { defineConfig } from 'drizzle-kit';

// `pnpm db:generate` writes a new timestamped SQL migration from src/db/schema.ts. Review it,
// commit it, and never edit one that has landed (STYLE.md, practice 9).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './migrations',
  migrations: { prefix: 'timestamp' },
  strict: true,
  verbose: true,
});
