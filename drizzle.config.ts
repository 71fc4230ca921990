import { defineConfig } from "drizzle-kit";

// Migrations are generated from db/schema.ts and applied by scripts/migrate.ts (PGlite or PostgreSQL).
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./db/migrations",
  strict: true,
  verbose: true,
});
