import type { DialectName, SchemaModel } from "./schema-model";

/**
 * What a model source (TypeORM entities, a Prisma schema) gives the rest of retort: the
 * target schema, and what it knows about where that schema lives. README.md "Prisma schemas".
 */
export interface ModelSource {
  /** The schema the source says the database should have. */
  readonly model: SchemaModel;
  /** The engine the source is written for, when it says (a Prisma datasource's `provider`). */
  readonly dialect: DialectName | null;
  /** The connection URL the source names, `null` when it names none. */
  readonly url: string | null;
  /** Bookkeeping tables of the source's own tool (`_prisma_migrations`), never compared. */
  readonly ignoredTables: readonly string[];
}
