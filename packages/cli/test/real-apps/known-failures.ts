import type { TestTarget } from "@retort/testing";

/** The three things the suite proves for every app and engine (docs/real-apps.md). */
export type RealAppCase = "sync-check" | "migrations-match-sync" | "typeorm-agrees";

export const CASE_TITLES: Readonly<Record<RealAppCase, string>> = {
  "sync-check": "(a) TypeORM's synchronize → retort check exits 0",
  "migrations-match-sync": "(b) autogen → upgrade on an empty database builds what synchronize built",
  "typeorm-agrees": "(c) TypeORM's schema builder finds nothing to do on the database retort built",
};

export interface KnownFailure {
  readonly app: string;
  readonly engine: TestTarget["name"];
  readonly case: RealAppCase;
  /** The branch (helper) fixing it. */
  readonly owner: string;
  readonly reason: string;
  /**
   * Every item of the failure (each statement TypeORM would still run, each table that
   * differs, each line `retort check` prints) must match this; anything else is a new failure.
   */
  readonly symptom: RegExp;
}

/**
 * Cases that fail today for a reason another branch is fixing. A listed case must still
 * fail with its symptom: when it passes, the test fails with "passes now: remove it from
 * KNOWN_FAILURES", so nothing here is silently skipped.
 */
const NOW_DEFAULT = {
  owner: "coexist",
  reason: "entity-spelled defaults: TypeORM's schema builder does not recognise the default retort's migration wrote for a now() default (CreateDateColumn, UpdateDateColumn, `default: () => \"now()\"`)",
  symptom: /^ALTER TABLE "\w+" ALTER COLUMN "\w+" SET DEFAULT now\(\)$/,
} as const;

/** Medusa's junction tables that both sides of a @ManyToMany map with a @JoinTable. */
const MEDUSA_TWICE_MAPPED = /^(table )?(product_category_product|product_sales_channel|product_shipping_profile|product_variant_money_amount)\b/;

/**
 * n8n's tables mapped twice: `user` (User and AuthUser), `workflows_tags` and
 * `execution_annotation_tags` (an entity and a @ManyToMany's @JoinTable), and its @Unique on
 * auth_identity's primary-key columns.
 */
const N8N_TWICE_MAPPED = "user|workflows_tags|execution_annotation_tags";
const N8N_SYNC_OBJECTS = {
  owner: "sync-objects",
  reason: "tables mapped twice (user by User and AuthUser; workflows_tags and execution_annotation_tags by an entity and a @JoinTable) and @Unique on auth_identity's primary-key columns",
} as const;
/** A line of `retort check` about those. */
const N8N_CHECK_LINE = new RegExp(
  `^(- remove column user\\.\\w+|\\+ add table (${N8N_TWICE_MAPPED}) \\(\\d+ columns\\)|\\+ add unique UQ_\\w+ on auth_identity \\(providerId, providerType\\))$`,
);
/** A statement of TypeORM's schema builder about those. */
const N8N_STATEMENT = new RegExp(`("(${N8N_TWICE_MAPPED})"|^ALTER TABLE "auth_identity" ADD CONSTRAINT "UQ_\\w+" UNIQUE \\("providerId", "providerType"\\)$)`);

export const KNOWN_FAILURES: readonly KnownFailure[] = [
  { app: "flowise", engine: "postgres", case: "typeorm-agrees", ...NOW_DEFAULT },
  {
    app: "flowise",
    engine: "mariadb",
    case: "typeorm-agrees",
    owner: "sync-cols",
    reason: "UpdateDateColumn's ON UPDATE CURRENT_TIMESTAMP(6) is not written by retort's migrations",
    symptom: /^ALTER TABLE `\w+` CHANGE `(\w+)` `\1` datetime\(6\) NOT NULL DEFAULT CURRENT_TIMESTAMP\(6\) ON UPDATE CURRENT_TIMESTAMP\(6\)$/,
  },
  {
    app: "medusa",
    engine: "postgres",
    case: "sync-check",
    owner: "sync-objects",
    reason: "a junction table both sides of a @ManyToMany map is reported missing",
    symptom: new RegExp(`^\\+ add table ${MEDUSA_TWICE_MAPPED.source.replace("^(table )?", "")} \\(2 columns\\)$`),
  },
  {
    app: "medusa",
    engine: "postgres",
    case: "migrations-match-sync",
    owner: "sync-objects",
    reason: "a junction table both sides of a @ManyToMany map gets its primary-key columns in another order than synchronize",
    symptom: MEDUSA_TWICE_MAPPED,
  },
  { app: "medusa", engine: "postgres", case: "typeorm-agrees", ...NOW_DEFAULT },
  { app: "n8n", engine: "postgres", case: "sync-check", ...N8N_SYNC_OBJECTS, symptom: N8N_CHECK_LINE },
  { app: "n8n", engine: "mariadb", case: "sync-check", ...N8N_SYNC_OBJECTS, symptom: N8N_CHECK_LINE },
  { app: "n8n", engine: "sqlite3", case: "sync-check", ...N8N_SYNC_OBJECTS, symptom: N8N_CHECK_LINE },
  {
    app: "n8n",
    engine: "postgres",
    case: "migrations-match-sync",
    ...N8N_SYNC_OBJECTS,
    symptom: /^table (workflows_tags|execution_annotation_tags)$/,
  },
  {
    app: "n8n",
    engine: "mariadb",
    case: "migrations-match-sync",
    ...N8N_SYNC_OBJECTS,
    symptom: /^table (workflows_tags|execution_annotation_tags)$/,
  },
  {
    app: "n8n",
    engine: "sqlite3",
    case: "migrations-match-sync",
    ...N8N_SYNC_OBJECTS,
    symptom: /^table (workflows_tags|execution_annotation_tags)$/,
  },
  {
    app: "n8n",
    engine: "postgres",
    case: "typeorm-agrees",
    ...N8N_SYNC_OBJECTS,
    // The join tables' indexes are dropped and made again around their foreign keys.
    symptom: new RegExp(`${N8N_STATEMENT.source}|^DROP INDEX "public"\\."IDX_\\w+"$`),
  },
  {
    app: "n8n",
    engine: "mariadb",
    case: "typeorm-agrees",
    owner: "sync-cols + sync-objects",
    reason: "UpdateDateColumn's ON UPDATE is not written by retort's migrations; plus the tables mapped twice",
    symptom: new RegExp(
      `\`(${N8N_TWICE_MAPPED})\`|^ALTER TABLE \`\\w+\` CHANGE \`updatedAt\` \`updatedAt\` datetime\\(3\\) NOT NULL DEFAULT CURRENT_TIMESTAMP\\(3\\) ON UPDATE CURRENT_TIMESTAMP\\(6\\)$`,
    ),
  },
  {
    app: "n8n",
    engine: "sqlite3",
    case: "typeorm-agrees",
    owner: "coexist + sync-objects",
    reason:
      "entity-spelled defaults: the entities spell STRFTIME(...) in capitals, retort's migration writes strftime(...), and TypeORM rebuilds every such table (then recreates its indexes); plus the tables mapped twice",
    // Statements of a SQLite table rebuild (of a table with a STRFTIME default or mapped
    // twice), and its indexes dropped and made again around it.
    symptom: new RegExp(
      [
        N8N_STATEMENT.source,
        `^CREATE TABLE "temporary_((${N8N_TWICE_MAPPED})" |\\w+" \\(.*STRFTIME\\()`,
        '^INSERT INTO "temporary_\\w+"',
        '^DROP TABLE "\\w+"$',
        '^ALTER TABLE "temporary_\\w+" RENAME TO "\\w+"$',
        '^DROP INDEX "IDX_\\w+"$',
        '^CREATE (UNIQUE )?INDEX "IDX_\\w+" ON "\\w+"',
      ].join("|"),
    ),
  },
];

export function knownFailure(app: string, engine: TestTarget["name"], kase: RealAppCase): KnownFailure | undefined {
  return KNOWN_FAILURES.find((k) => k.app === app && k.engine === engine && k.case === kase);
}
