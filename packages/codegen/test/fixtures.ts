import { column, columnType, index, table, view, type ColumnModel, type Operation, type TableModel } from "@retort/core";
import type { MigrationInput } from "../src";

export const users: TableModel = table("users", {
  columns: [
    column("id", "integer", { nullable: false, autoIncrement: "identity-by-default" }),
    column("email", columnType("varchar", { length: 255 }), { nullable: false }),
    column("name", columnType("varchar", { length: 50 })),
    column("mood", columnType("mood", { enumName: "mood", enumValues: ["sad", "ok", "happy"] }), { default: "'ok'" }),
    column("created_at", columnType("timestamptz", { precision: 3 }), { nullable: false, default: "CURRENT_TIMESTAMP" }),
  ],
  primaryKey: { name: "users_pkey", columns: ["id"] },
  uniques: [{ name: "users_email_key", columns: ["email"], deferrable: null }],
  checks: [{ name: "users_name_check", expression: "length(name) > 0" }],
  indexes: [index("ix_users_created", [{ column: "created_at", expression: null, descending: true }])],
  comment: "People who log in",
});

export const posts: TableModel = table("posts", {
  columns: [
    column("id", "integer", { nullable: false }),
    column("user_id", "integer", { nullable: false }),
    column("title", columnType("varchar", { length: 200 }), { nullable: false }),
    column("body", "text"),
  ],
  primaryKey: { name: null, columns: ["id"] },
  foreignKeys: [
    {
      name: "posts_user_fk",
      columns: ["user_id"],
      referencedSchema: null,
      referencedTable: "users",
      referencedColumns: ["id"],
      onDelete: "CASCADE",
      onUpdate: "NO ACTION",
      deferrable: null,
    },
  ],
});

export const on = (t: string, schema: string | null = null) => ({ schema, table: t });

export function addColumn(t: string, c: ColumnModel): Operation {
  return { kind: "addColumn", ...on(t), column: c };
}

export function dropColumn(t: string, c: ColumnModel): Operation {
  return { kind: "dropColumn", ...on(t), column: c };
}

/** One of every reversible operation kind, in an order that makes sense. */
export const everyReversibleOp: Operation[] = [
  { kind: "createEnum", enumType: { schema: null, name: "mood", values: ["sad", "ok", "happy"] } },
  { kind: "createExtension", extension: { name: "uuid-ossp" } },
  { kind: "createTable", table: users },
  { kind: "createTable", table: posts },
  {
    kind: "createExclusionConstraint",
    ...on("posts"),
    exclusion: { name: "posts_no_overlap", expression: "using gist(id WITH =)", writtenExpression: 'USING gist ("id" WITH =)' },
  },
  { kind: "alterEnum", schema: null, name: "mood", values: { from: ["sad", "ok", "happy"], to: ["sad", "ok", "happy", "ecstatic"] } },
  { kind: "alterTableComment", ...on("posts"), comment: { from: null, to: "Blog posts" } },
  addColumn("posts", column("slug", columnType("varchar", { length: 100 }), { comment: "URL part" })),
  {
    kind: "alterColumn",
    ...on("posts"),
    column: "title",
    changes: {
      type: { from: columnType("varchar", { length: 200 }), to: columnType("varchar", { length: 300 }) },
      default: { from: null, to: "''" },
      comment: { from: null, to: "Headline" },
    },
    existing: posts.columns[2]!,
  },
  {
    kind: "createIndex",
    ...on("posts"),
    index: index("ix_posts_lower_title", [{ column: null, expression: "lower(title)", descending: false }], {
      unique: true,
      where: "body IS NOT NULL",
      method: "btree",
    }),
    concurrently: true,
  },
  { kind: "createUniqueConstraint", ...on("posts"), unique: { name: "posts_slug_key", columns: ["slug"], deferrable: "deferred" } },
  { kind: "createCheckConstraint", ...on("posts"), check: { name: "posts_title_check", expression: "title <> ''" } },
  { kind: "dropConstraint", ...on("posts"), constraint: { type: "foreignKey", foreignKey: posts.foreignKeys[0]! } },
  {
    kind: "createForeignKey",
    ...on("posts"),
    foreignKey: { ...posts.foreignKeys[0]!, name: "posts_user_fk2", onDelete: "SET NULL", deferrable: "immediate" },
  },
  { kind: "renameTable", ...on("posts"), newName: "articles" },
  {
    kind: "batchAlterTable",
    ...on("articles"),
    recreate: "always",
    operations: [
      addColumn("articles", column("views", "bigint", { nullable: false, default: "0" })) as never,
      { kind: "createPrimaryKey", ...on("articles"), primaryKey: { name: "articles_pkey", columns: ["id", "user_id"] } },
      { kind: "dropIndex", ...on("articles"), index: index("ix_old", ["title"]), concurrently: false },
    ],
  },
  { kind: "dropTable", table: table("legacy", { columns: [column("id", "integer", { nullable: false })] }) },
  {
    kind: "createView",
    view: view("article_counts", "SELECT user_id, count(*) AS n\nFROM articles GROUP BY user_id", {
      materialized: true,
      indexes: [index("article_counts_user", ["user_id"], { unique: true })],
    }),
  },
  { kind: "refreshMaterializedView", schema: null, name: "article_counts" },
  { kind: "replaceView", view: { from: view("recent", "SELECT id FROM articles"), to: view("recent", "SELECT id, title FROM articles") } },
  { kind: "dropView", view: view("old_report", "SELECT 1 AS one", { schema: "reports" }) },
];

/** Irreversible ones, with a hand-written downgrade. */
export const dataOps: Operation[] = [
  { kind: "execute", sql: "UPDATE users SET name = 'x' WHERE name IS NULL", params: [] },
  { kind: "execute", sql: "DELETE FROM users WHERE id = $1", params: [1] },
  {
    kind: "bulkInsert",
    ...on("users"),
    rows: [
      { id: 1, email: "a@example.com", name: null, score: 1.5, big: 10n, "weird key": true, at: new Date("2026-01-02T03:04:05.000Z") },
    ],
  },
];

export function input(upgrade: readonly Operation[], fields: Partial<MigrationInput> = {}): MigrationInput {
  return {
    revision: "1a2b3c4d5e6f",
    downRevision: "0f9e8d7c6b5a",
    branchLabels: [],
    dependsOn: [],
    message: "add user",
    createdAt: "2026-11-27T04:00:00.000Z",
    dialect: "postgres",
    upgrade,
    ...fields,
  };
}
