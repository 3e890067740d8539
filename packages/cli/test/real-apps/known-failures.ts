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
];

export function knownFailure(app: string, engine: TestTarget["name"], kase: RealAppCase): KnownFailure | undefined {
  return KNOWN_FAILURES.find((k) => k.app === app && k.engine === engine && k.case === kase);
}
