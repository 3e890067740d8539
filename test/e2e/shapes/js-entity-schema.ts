import type { Shape } from "../support/shape";

/**
 * e. A JavaScript project (CommonJS) whose entities are `EntitySchema` objects found by a
 * glob; TypeORM 0.3 with its `sqlite` driver (sqlite3). Its tsconfig (allowJs, no checkJs)
 * type-checks the TypeScript that retort writes: the config and the migrations.
 */
export const jsEntitySchema: Shape = {
  title: "e. JavaScript EntitySchema files (CommonJS, sqlite3, TypeORM 0.3)",
  fixture: "js-entity-schema",
  target: "sqlite3",
  nativeBuild: true,
  settings: (db) => ({ env: { SQLITE_FILE: db.name } }),
  edit: {
    file: "src/entity/author.js",
    before: '    name: { type: "varchar", length: 120 },\n',
    after: '    name: { type: "varchar", length: 120 },\n    bio: { type: "text", nullable: true },\n',
    column: "bio",
  },
};
