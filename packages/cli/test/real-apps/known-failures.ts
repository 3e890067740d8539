import type { TestTarget } from "@retort/testing";

/** The three things the suite proves for every app and engine (docs/real-apps.md). */
export type RealAppCase = "sync-check" | "migrations-match-sync" | "typeorm-agrees";

export const CASE_TITLES: Readonly<Record<RealAppCase, string>> = {
  "sync-check": "(a) TypeORM's synchronize → retort check exits 0",
  "migrations-match-sync": "(b) autogen → upgrade on an empty database builds what synchronize built",
  "typeorm-agrees": "(c) TypeORM's schema builder finds no more to do on the database retort built than on its own",
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
 * Cases that fail today for a reason another change is to fix (none at present). A listed
 * case must still fail with its symptom: when it passes, the test fails with "passes now:
 * remove it from KNOWN_FAILURES", so nothing here is silently skipped.
 */
export const KNOWN_FAILURES: readonly KnownFailure[] = [];

export function knownFailure(app: string, engine: TestTarget["name"], kase: RealAppCase): KnownFailure | undefined {
  return KNOWN_FAILURES.find((k) => k.app === app && k.engine === engine && k.case === kase);
}
