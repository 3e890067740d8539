import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface MigrationSpec {
  readonly revision: string;
  readonly downRevision: string | readonly string[] | null;
  readonly branchLabels?: readonly string[];
  readonly dependsOn?: readonly string[];
  readonly message?: string;
  /** Statements run by upgrade / downgrade through op.execute. */
  readonly up: readonly string[];
  readonly down: readonly string[];
  /** Extra TypeScript run at the end of upgrade (after the statements). */
  readonly upTail?: string;
}

/** A migration file as a user would hand-write it (op typed loosely: no imports needed). */
export function migrationSource(m: MigrationSpec): string {
  const lit = (v: unknown) => JSON.stringify(v);
  const calls = (sqls: readonly string[]) => sqls.map((s) => `  await op.execute(${lit(s)});`).join("\n");
  return `export const revision = ${lit(m.revision)};
export const downRevision: string | string[] | null = ${lit(m.downRevision)};
export const branchLabels: string[] = ${lit(m.branchLabels ?? [])};
export const dependsOn: string[] = ${lit(m.dependsOn ?? [])};
export const message = ${lit(m.message ?? `create ${m.revision}`)};

export async function upgrade(op: { execute(sql: string): Promise<void> }): Promise<void> {
${calls(m.up)}
${m.upTail ?? ""}
}

export async function downgrade(op: { execute(sql: string): Promise<void> }): Promise<void> {
${calls(m.down)}
}
`;
}

/** Writes the specs into a new temporary script directory, files named in list order. */
export function writeScriptDir(specs: readonly MigrationSpec[], dir = mkdtempSync(join(tmpdir(), "retort-migrations-"))): string {
  mkdirSync(dir, { recursive: true });
  specs.forEach((m, i) => writeFileSync(join(dir, `2026_01_${String(i + 1).padStart(2, "0")}_${m.revision}_m.ts`), migrationSource(m)));
  return dir;
}

/** A migration creating table `t_<name>` and dropping it on downgrade. */
export function tableMigration(
  revision: string,
  name: string,
  downRevision: string | readonly string[] | null,
  extra: Partial<MigrationSpec> = {},
): MigrationSpec {
  return {
    revision,
    downRevision,
    up: [`CREATE TABLE t_${name} (id INTEGER PRIMARY KEY)`],
    down: [`DROP TABLE t_${name}`],
    message: `create t_${name}`,
    ...extra,
  };
}

/**
 * The chain used on every engine:
 *   r1 ─ r2 ┬ f1 (feature) ─ f2 ┬ mg ─ r3
 *           └ m1 ───────────────┘
 *   o1 (other, dependsOn r1)
 */
export const IDS = {
  r1: "a1b2c3d40001",
  r2: "a1b2c3d40002",
  f1: "f00000000001",
  f2: "f00000000002",
  m1: "b00000000001",
  mg: "c00000000001",
  r3: "d00000000001",
  o1: "e00000000001",
} as const;

export function chainSpecs(): MigrationSpec[] {
  return [
    tableMigration(IDS.r1, "r1", null),
    tableMigration(IDS.r2, "r2", IDS.r1),
    tableMigration(IDS.f1, "f1", IDS.r2, { branchLabels: ["feature"] }),
    tableMigration(IDS.f2, "f2", IDS.f1),
    tableMigration(IDS.m1, "m1", IDS.r2),
    tableMigration(IDS.mg, "mg", [IDS.f2, IDS.m1]),
    tableMigration(IDS.r3, "r3", IDS.mg),
    tableMigration(IDS.o1, "o1", null, { branchLabels: ["other"], dependsOn: [IDS.r1] }),
  ];
}
