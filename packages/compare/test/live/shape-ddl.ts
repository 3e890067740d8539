import type { TestTarget } from "@retort/testing";

type Family = TestTarget["family"];

/**
 * A small schema with knobs: each live case builds the database side from one shape and
 * the entity side from another that differs in one knob, with the engine's own DDL.
 */
export interface Shape {
  readonly emailType: string;
  readonly emailNotNull: boolean;
  readonly emailDefault: string | null;
  readonly emailComment: string | null;
  readonly tableComment: string | null;
  readonly nameColumn: boolean;
  readonly tagTable: boolean;
  readonly postTable: boolean;
  readonly index: { readonly columns: readonly string[]; readonly unique: boolean; readonly where: string | null } | null;
  readonly unique: readonly string[] | null;
  readonly check: string | null;
  readonly foreignKey: { readonly onDelete: string } | null;
  readonly itemKey: readonly string[] | null;
  /** Type of `user.id` and of `post.user_id`, which references it. */
  readonly idType: string;
  /** An index of its own on `post.user_id`, the foreign key's column. */
  readonly postIndex: boolean;
  /** PostgreSQL: an enum type `mood` and a column of it; MySQL: an inline ENUM column. */
  readonly mood: readonly string[] | null;
}

export const BASE_SHAPE: Shape = {
  emailType: "varchar(255)",
  emailNotNull: false,
  emailDefault: null,
  emailComment: null,
  tableComment: null,
  nameColumn: false,
  tagTable: false,
  postTable: true,
  index: null,
  unique: null,
  check: null,
  foreignKey: { onDelete: "CASCADE" },
  itemKey: ["a"],
  postIndex: false,
  idType: "integer",
  mood: null,
};

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

export function shapeDdl(family: Family, s: Shape): string[] {
  const q = (name: string) => (family === "mysql" ? `\`${name}\`` : `"${name}"`);
  const mysqlComment = (c: string | null) => (family === "mysql" && c !== null ? ` COMMENT ${literal(c)}` : "");
  const statements: string[] = [];
  if (family === "postgres" && s.mood) statements.push(`CREATE TYPE mood AS ENUM (${s.mood.map(literal).join(", ")})`);
  const user = [
    `id ${s.idType} NOT NULL`,
    `email ${s.emailType}${s.emailNotNull ? " NOT NULL" : ""}${s.emailDefault !== null ? ` DEFAULT ${s.emailDefault}` : ""}${mysqlComment(s.emailComment)}`,
    `age integer`,
    ...(s.nameColumn ? ["name varchar(50)"] : []),
    ...(s.mood ? [family === "postgres" ? "mood mood" : `mood enum(${s.mood.map(literal).join(", ")})`] : []),
    `PRIMARY KEY (id)`,
    ...(s.unique ? [`CONSTRAINT uq_user_email UNIQUE (${s.unique.join(", ")})`] : []),
    ...(s.check ? [`CONSTRAINT chk_user_age CHECK (${s.check})`] : []),
  ];
  statements.push(`CREATE TABLE ${q("user")} (${user.join(", ")})${mysqlComment(s.tableComment).replace(" COMMENT", " COMMENT=")}`);
  if (family === "postgres") {
    if (s.emailComment !== null) statements.push(`COMMENT ON COLUMN "user".email IS ${literal(s.emailComment)}`);
    if (s.tableComment !== null) statements.push(`COMMENT ON TABLE "user" IS ${literal(s.tableComment)}`);
  }
  if (s.postTable) {
    const fk = s.foreignKey ? `, CONSTRAINT fk_post_user FOREIGN KEY (user_id) REFERENCES ${q("user")} (id) ON DELETE ${s.foreignKey.onDelete}` : "";
    statements.push(`CREATE TABLE post (id integer NOT NULL PRIMARY KEY, user_id ${s.idType}${fk})`);
  }
  if (s.postTable && s.postIndex) statements.push(`CREATE INDEX idx_post_user ON post (user_id)`);
  if (s.tagTable) statements.push(`CREATE TABLE tag (id integer NOT NULL PRIMARY KEY, label varchar(20))`);
  const key = s.itemKey ? `, PRIMARY KEY (${s.itemKey.join(", ")})` : "";
  statements.push(`CREATE TABLE item (a integer NOT NULL, b integer NOT NULL${key})`);
  if (s.index) {
    const where = s.index.where && family !== "mysql" ? ` WHERE ${s.index.where}` : "";
    statements.push(`CREATE ${s.index.unique ? "UNIQUE " : ""}INDEX idx_user_email ON ${q("user")} (${s.index.columns.join(", ")})${where}`);
  }
  return statements;
}
