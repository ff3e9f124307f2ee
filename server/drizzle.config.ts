import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: [
    './server/src/db/schema.ts',
    './server/src/db/analysis.schema.ts',
    './server/src/db/actions.schema.ts',
    './server/src/db/integrations.schema.ts',
  ],
  out: './server/drizzle',
});
