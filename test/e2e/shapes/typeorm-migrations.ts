import type { TestDatabase } from "@retort/testing";
import type { Shape } from "../support/shape";
import { connectionParts } from "./server-settings";

/** The rows of TypeORM's `migrations` table (its default migrationsTableName), in order. */
async function typeormMigrations(db: TestDatabase): Promise<string[]> {
  const { Client } = await import("pg");
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: number; timestamp: string; name: string }>('SELECT id, "timestamp", name FROM migrations ORDER BY id');
    return rows.map((r) => `${r.id} ${r.timestamp} ${r.name}`);
  } finally {
    await client.end();
  }
}

/**
 * f. Adoption: a typeorm-init-style project (CommonJS, TypeORM 0.3, PostgreSQL) whose
 * database was built by TypeORM's `migration:run` from the two migrations TypeORM's
 * `migration:generate` wrote; retort takes over with `retort baseline`.
 */
export const typeormMigrationsShape: Shape = {
  title: "f. adoption of a database built by TypeORM's migration:run (PostgreSQL, TypeORM 0.3)",
  fixture: "typeorm-migrations",
  target: "postgres",
  settings(db) {
    const c = connectionParts(db);
    return { placeholders: { PG_HOST: c.host, PG_PORT: c.port, PG_USER: c.user, PG_PASSWORD: c.password, PG_DATABASE: c.database } };
  },
  edit: {
    file: "src/entity/Photo.ts",
    before: "    @Column({ default: false })\n    isPublished: boolean\n",
    after: "    @Column({ default: false })\n    isPublished: boolean\n\n    @Column({ type: \"text\", nullable: true })\n    caption: string\n",
    column: "caption",
  },
  adoption: {
    build: ["typeorm-ts-node-commonjs", "migration:run", "-d", "src/data-source.ts"],
    typeormMigrations,
  },
};
