import { expect } from "chai";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import ts from "typescript";
import { column, columnType, type DialectName } from "@retort/core";
import { applyRenames, Rewriter, writeMigrationFile, type MigrationInput } from "../src";
import { addColumn, dataOps, dropColumn, everyReversibleOp, input } from "./fixtures";

/** The op API's source: "@retort/cli" re-exports core's types; the CLI package may not be built. */
const OP_API = resolve(__dirname, "../../../core/src/index.ts");

function generatedInputs(): MigrationInput[] {
  const dialects: DialectName[] = ["postgres", "mysql", "mariadb", "sqlite"];
  const nameCol = column("name", columnType("varchar", { length: 50 }));
  const renamed = applyRenames(
    [dropColumn("users", nameCol), addColumn("users", column("full_name", columnType("varchar", { length: 80 })))],
    { columns: ["users.name=full_name"] },
  );
  const twoStep = new Rewriter()
    .rewrites("addColumn", (_c, _r, op) => [
      { ...op, column: { ...op.column, nullable: true } },
      { kind: "alterColumn", schema: op.schema, table: op.table, column: op.column.name, changes: { nullable: { from: true, to: false } }, existing: op.column },
    ])
    .rewrite({ dialect: "postgres", renderAsBatch: false, autogenerate: true }, [], [addColumn("users", column("email", "text", { nullable: false }))]);
  return [
    ...dialects.map((dialect, i) => input(everyReversibleOp, { dialect, revision: `every${i}` })),
    input(dataOps, { revision: "data", downgrade: [{ kind: "execute", sql: "DELETE FROM users", params: [] }] }),
    input([], { revision: "empty", downRevision: null, message: "" }),
    input(renamed, { revision: "renamed", dialect: "sqlite" }),
    input(twoStep, { revision: "twostep", downRevision: ["a", "b"], branchLabels: ["x"], dependsOn: ["c"] }),
  ];
}

describe("generated files type-check against the op API", function () {
  this.timeout(120_000);
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "retort-typecheck-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("compiles every generated file (formatted and raw) with zero diagnostics under strict settings", async () => {
    const files: string[] = [];
    for (const [i, migration] of generatedInputs().entries()) {
      for (const postWrite of [["prettier"], []] as const) {
        const written = await writeMigrationFile(join(dir, `m${i}_${postWrite.length}`), migration, { postWrite });
        files.push(written.path);
      }
    }
    // Each module must also satisfy the MigrationModule shape the runtime loads.
    const checks = files.map((f, i) => {
      const spec = `./${join(basename(join(f, "..")), basename(f, ".ts"))}`;
      return `import * as m${i} from "${spec}";\nexport const check${i}: MigrationModule = m${i};`;
    });
    const checkFile = join(dir, "check.ts");
    await writeFile(checkFile, `import type { MigrationModule } from "@retort/cli";\n${checks.join("\n")}\n`);
    // A control: a wrong call must be reported, or the check proves nothing.
    const control = join(dir, "control.ts");
    await writeFile(
      control,
      `import type { MigrationOperations } from "@retort/cli";\nexport async function upgrade(op: MigrationOperations): Promise<void> {\n  await op.addColumn("users", { name: "x" });\n}\n`,
    );
    await writeFile(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          exactOptionalPropertyTypes: true,
          noImplicitReturns: true,
          noUnusedLocals: true,
          noUnusedParameters: true,
          noEmit: true,
          target: "es2022",
          lib: ["es2023"],
          module: "node20",
          moduleResolution: "node16",
          types: [],
          skipLibCheck: true,
          paths: { "@retort/cli": [OP_API] },
        },
        files: [...files, checkFile, control],
      }),
    );
    const parsed = ts.getParsedCommandLineOfConfigFile(join(dir, "tsconfig.json"), {}, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    });
    expect(parsed?.errors ?? []).to.deep.equal([]);
    const program = ts.createProgram(parsed!.fileNames, parsed!.options);
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : "";
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
    expect(files).to.have.length(16);
    expect(program.getSourceFile(OP_API), "the op API was resolved through paths").to.not.equal(undefined);
    const [controlErrors, others] = [diagnostics.filter((d) => d.startsWith(control)), diagnostics.filter((d) => !d.startsWith(control))];
    expect(controlErrors).to.have.length(1);
    expect(controlErrors[0]).to.include("'type' is missing");
    expect(others).to.deep.equal([]);
  });
});
