import type { IncludeName } from "@retort/core";

export interface IntrospectOptions {
  /**
   * Also reflect every non-system schema, not only the default one (PostgreSQL schemas,
   * MySQL databases the user can see; SQLite has only `main`).
   */
  readonly includeSchemas?: boolean;
  /**
   * Applied before reflection (docs/reference.md §3a): names it rejects are filtered in the
   * catalog results before any per-object work, and never appear in the model.
   */
  readonly includeName?: IncludeName;
  /**
   * SQLite: also keep each column's declared type and default and each check as the
   * table's CREATE TABLE text spells them (`writtenType`, `writtenDefault`,
   * `writtenExpression`), so a batch rebuild writes them back unchanged
   * (docs/typeorm-coexistence.md). Comparisons never read them.
   */
  readonly storedSpellings?: boolean;
  /**
   * PostgreSQL extensions to report in the model's `extensions`: `"all"` (every one but
   * plpgsql, which every database has), or these names (those of them installed).
   * Omitted: extensions are not read and the model has no `extensions`, so they are not
   * compared (docs/schema-objects.md, "Extensions"). Ignored on other engines.
   */
  readonly extensions?: "all" | readonly string[];
  /**
   * Told, at most once, when the catalog queries that keep the server busiest are on their
   * way (PostgreSQL): a caller may compute meanwhile, while the server works (`check
   * --watch` builds the entity model then). Not every engine tells it.
   */
  readonly onCatalogSent?: () => void;
}
