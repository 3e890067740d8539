import type { IncludeName, Operation, Queryable, SchemaModel } from "@retort/core";
import { directiveToInput, writeMigrationFile } from "@retort/codegen";
import { compareSchemas } from "@retort/compare";
import { connect, introspect } from "@retort/dialects";
import { loadMigration, MigrationRunner, RevisionGraph, versionTableNames, type MigrationScript, type ScriptDirectory } from "@retort/runtime";
import type { TestDatabase, TestTarget } from "@retort/testing";
import { buildPrismaModel, parseDmmf, type PrismaDialect } from "@retort/prisma";
import { buildTargetModel } from "@retort/typeorm";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { specDataSource } from "./entity-schemas";
import { statesOf, type RoundtripCase } from "./generators";
import { prismaSchemaOf } from "./prisma-schemas";
import type { SchemaSpec } from "./schema-spec";

/** Where the target model comes from: TypeORM entities, or the spec as a schema.prisma. */
export type ModelSourceKind = "typeorm" | "prisma";

/** Never compare retort's own version tables (as the CLI's check does). */
const bookkeeping = new Set<string>(versionTableNames());
const withoutVersionTables: IncludeName = (name, type, parents) =>
  !(type === "table" && parents.schemaName === null && name !== null && bookkeeping.has(name));

/** A fixed clock: the same case writes byte-identical files (and hits the compile cache). */
const CREATED_AT = "2026-01-01T00:00:00.000Z";

export interface GeneratedRevision {
  readonly revision: string;
  readonly operations: readonly Operation[];
  readonly file: string;
  readonly source: string;
}

/**
 * One connection to one test database, kept for a whole property run: the CLI's
 * autogen / upgrade / check / downgrade done in-process with the same packages, and a
 * cheap reset between cases (drop everything, start a new script directory).
 */
export class RoundtripSession {
  private scripts: MigrationScript[] = [];
  private dir: string;
  private revisions = 0;
  private serverVersion: string | undefined;

  private constructor(
    readonly target: TestTarget,
    private readonly database: TestDatabase,
    readonly db: Queryable,
    readonly source: ModelSourceKind,
  ) {
    this.dir = mkdtempSync(join(tmpdir(), "retort-roundtrip-"));
  }

  static async open(database: TestDatabase, source: ModelSourceKind = "typeorm"): Promise<RoundtripSession> {
    const session = new RoundtripSession(database.target, database, await connect(database.url), source);
    if (database.target.family === "mysql") session.serverVersion = (await session.db.query<{ v: string }>("SELECT VERSION() AS v"))[0]?.v;
    await session.withoutDurability();
    return session;
  }

  /**
   * A throwaway database need not wait for the disk at each commit: the property runs
   * thousands of small transactions. Session settings only; MariaDB has none (its
   * innodb_flush_log_at_trx_commit is server-wide, and not ours to change).
   */
  private async withoutDurability(): Promise<void> {
    if (this.target.family === "postgres") await this.db.query("SET synchronous_commit = off");
    if (this.target.family === "sqlite") await this.db.query("PRAGMA synchronous = OFF");
  }

  async close(): Promise<void> {
    rmSync(this.dir, { recursive: true, force: true });
    await this.db.close();
  }

  /** An empty database (version tables included) and an empty script directory. */
  async reset(): Promise<void> {
    rmSync(this.dir, { recursive: true, force: true });
    this.dir = mkdtempSync(join(tmpdir(), "retort-roundtrip-"));
    this.scripts = [];
    switch (this.target.family) {
      case "postgres":
        await this.db.query("DROP SCHEMA public CASCADE");
        await this.db.query("CREATE SCHEMA public");
        return;
      case "mysql": {
        // One DROP for all tables is much faster than dropping the database; the version
        // tables stay (InnoDB DDL is slow) with their rows gone.
        const tables = await this.db.query<{ name: string }>(
          "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()",
        );
        const quoted = (names: readonly string[]) => names.map((n) => `\`${n.replace(/`/g, "``")}\``);
        const user = tables.map((t) => t.name).filter((n) => !bookkeeping.has(n));
        for (const table of quoted(tables.map((t) => t.name).filter((n) => bookkeeping.has(n)))) await this.db.query(`DELETE FROM ${table}`);
        if (user.length === 0) return;
        await this.db.query("SET FOREIGN_KEY_CHECKS = 0");
        await this.db.query(`DROP TABLE ${quoted(user).join(", ")}`);
        await this.db.query("SET FOREIGN_KEY_CHECKS = 1");
        return;
      }
      case "sqlite": {
        const tables = await this.db.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
        // Back as the driver had it: better-sqlite3 turns foreign keys on, sqlite3 does not.
        const [setting] = await this.db.query<{ foreign_keys: number }>("PRAGMA foreign_keys");
        await this.db.query("PRAGMA foreign_keys = OFF");
        for (const t of tables) await this.db.query(`DROP TABLE "${t.name.replace(/"/g, '""')}"`);
        await this.db.query(`PRAGMA foreign_keys = ${setting?.foreign_keys ? "ON" : "OFF"}`);
      }
    }
  }

  reflect(): Promise<SchemaModel> {
    return introspect(this.db, { includeName: withoutVersionTables });
  }

  /**
   * The sets a case goes through. From a Prisma schema, a change Prisma cannot express on
   * the engine (a varchar length on SQLite) or that is its default (`onDelete: SetNull` on
   * an optional relation) builds the same model: no step.
   */
  statesOf(c: RoundtripCase): SchemaSpec[] {
    const states = statesOf(c, this.target.family);
    if (this.source === "typeorm") return states;
    const model = (s: SchemaSpec) => JSON.stringify(this.prismaModel(s, this.db.dialect as PrismaDialect));
    return states.filter((s, i) => i === 0 || model(s) !== model(states[i - 1]!));
  }

  private prismaModel(spec: SchemaSpec, dialect: PrismaDialect): SchemaModel {
    return buildPrismaModel(parseDmmf([["schema.prisma", prismaSchemaOf(spec, this.target.family)]]), dialect);
  }

  /** The model the entities (or the spec's schema.prisma) ask for. */
  async targetModel(spec: SchemaSpec, actual: SchemaModel): Promise<SchemaModel> {
    if (this.source === "prisma") {
      return { ...this.prismaModel(spec, actual.dialect as PrismaDialect), defaultSchema: actual.defaultSchema };
    }
    const dataSource = specDataSource(spec, this.target, this.database.name);
    return buildTargetModel(dataSource, { defaultSchema: actual.defaultSchema, dialect: actual.dialect, serverVersion: this.serverVersion });
  }

  /** `retort check`: what is left between the entities and the database. */
  async diff(spec: SchemaSpec, actual?: SchemaModel): Promise<Operation[]> {
    const reflected = actual ?? (await this.reflect());
    return compareSchemas(await this.targetModel(spec, reflected), reflected, { includeName: withoutVersionTables });
  }

  /** `retort autogen`: compare, write a migration file on top of the last one. */
  async autogen(spec: SchemaSpec, message: string, actual?: SchemaModel): Promise<GeneratedRevision | null> {
    const operations = await this.diff(spec, actual);
    if (operations.length === 0) return null;
    const revision = `rt${String(++this.revisions).padStart(10, "0")}`;
    const dialect = this.db.dialect;
    const input = directiveToInput(
      {
        revId: revision,
        message,
        downRevision: this.scripts[this.scripts.length - 1]?.revision ?? null,
        branchLabels: [],
        dependsOn: [],
        createdAt: CREATED_AT,
        upgradeOps: operations,
        downgradeOps: null,
      },
      { dialect, renderAsBatch: this.target.family === "sqlite", autogenerate: true },
    );
    const written = await writeMigrationFile(this.dir, input);
    this.scripts.push(await loadMigration(written.path));
    return { revision, operations, file: written.path, source: written.source };
  }

  private runner(): MigrationRunner {
    const directory: ScriptDirectory = {
      dir: this.dir,
      scripts: new Map(this.scripts.map((s) => [s.revision, s])),
      graph: new RevisionGraph(
        this.scripts.map((s) => ({ revision: s.revision, downRevision: s.downRevisions, branchLabels: s.branchLabels, dependsOn: s.dependsOn, file: s.file })),
      ),
    };
    return new MigrationRunner({ scripts: directory, db: this.db, projectDir: this.dir });
  }

  async upgrade(target = "head"): Promise<void> {
    await this.runner().upgrade(target);
  }

  async downgrade(target: string): Promise<void> {
    await this.runner().downgrade(target);
  }
}
