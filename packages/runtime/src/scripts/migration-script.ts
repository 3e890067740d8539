import type { Operations } from "../ops";

/** What a migration module exports (docs/reference.md §4). */
export interface MigrationModule {
  readonly revision: string;
  readonly downRevision: string | readonly string[] | null;
  readonly branchLabels?: readonly string[] | string | null;
  readonly dependsOn?: readonly string[] | string | null;
  readonly message?: string;
  readonly createdAt?: string;
  upgrade(op: Operations): unknown;
  downgrade(op: Operations): unknown;
}

/** One loaded migration file. */
export interface MigrationScript {
  readonly revision: string;
  readonly downRevisions: readonly string[];
  readonly branchLabels: readonly string[];
  readonly dependsOn: readonly string[];
  readonly message: string;
  readonly createdAt: string | undefined;
  /** Absolute path. */
  readonly file: string;
  /** sha256 of the file (see checksum.ts). */
  readonly checksum: string;
  readonly source: string;
  readonly upgrade: (op: Operations) => unknown;
  readonly downgrade: (op: Operations) => unknown;
}
