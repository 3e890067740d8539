import { withoutWrittenSpellings, type TableModel } from "@retort/core";
import { createTestDatabase, describeEachTarget, type TestDatabase } from "@retort/testing";
import { expect } from "chai";
import type { FixtureProject } from "../support/fixture-project";
import { diffKinds, latestMigration, objectsProject, reflected, retortOk, runSql, synchronize } from "./sync-objects-project";

/**
 * Issue 11: TypeORM's `@Exclusion` (PostgreSQL only) is read, compared and created
 * (docs/schema-objects.md, "Exclusion constraints"). The entity spells it one way,
 * PostgreSQL prints it back another; both must compare equal.
 */

const OVERLAP = `USING gist ("room" WITH =, tsrange("from", "to") WITH &&)`;
const OVERLAP_UNLESS_CANCELLED = `USING gist ("room" WITH =, tsrange("from", "to") WITH &&) WHERE (NOT "cancelled")`;
const GUEST_ALONE = `USING gist ("guest" WITH =, tsrange("from", "to") WITH &&)`;

const booking = (exclusions: Readonly<Record<string, string>>) => `import { Column, Entity, Exclusion, PrimaryGeneratedColumn } from "typeorm";

@Entity({ name: "booking" })
${Object.entries(exclusions)
  .map(([name, expression]) => `@Exclusion(${JSON.stringify(name)}, ${JSON.stringify(expression)})`)
  .join("\n")}
export class Booking {
  @PrimaryGeneratedColumn() id!: number;
  @Column() room!: number;
  @Column() guest!: number;
  @Column({ type: "timestamp" }) from!: Date;
  @Column({ type: "timestamp" }) to!: Date;
  @Column({ default: false }) cancelled!: boolean;
}
`;

async function bookingTable(url: string): Promise<TableModel> {
  const t = (await reflected(url)).tables.find((x) => x.name === "booking");
  expect(t, "booking table").to.not.equal(undefined);
  return t!;
}

/** Writes the entity, checks what `check` reports, then autogen → upgrade → check 0 → downgrade -1 restores → upgrade. */
async function changeAndRoundTrip(project: FixtureProject, url: string, exclusions: Record<string, string>, expected: string[]): Promise<void> {
  const before = await bookingTable(url);
  project.write("src/entities/booking.ts", booking(exclusions));
  expect(diffKinds(project)).to.deep.equal(expected);
  retortOk(project, ["autogen", "-m", expected.join(", ")]);
  retortOk(project, ["upgrade"]);
  retortOk(project, ["check"]);
  const names = ((await bookingTable(url)).exclusions ?? []).map((x) => x.name);
  expect(names).to.deep.equal(Object.keys(exclusions).sort());
  retortOk(project, ["downgrade", "-1"]);
  expect(await bookingTable(url), "downgrade -1 restores the constraints").to.deep.equal(before);
  retortOk(project, ["upgrade"]);
  retortOk(project, ["check"]);
}

describeEachTarget(
  "exclusion constraints (@Exclusion)",
  (ctx) => {
    let syncDb: TestDatabase;
    let synced: FixtureProject;
    let project: FixtureProject;
    before(async () => {
      syncDb = await createTestDatabase(ctx.target);
      synced = objectsProject(ctx.target.name, syncDb.url, { "booking.ts": booking({ booking_no_overlap: OVERLAP }) });
      project = objectsProject(ctx.target.name, ctx.db.url, { "booking.ts": booking({ booking_no_overlap: OVERLAP }) });
    });
    after(async () => {
      synced?.remove();
      project?.remove();
      await syncDb?.drop();
    });

    it("TypeORM's synchronize → check 0, though PostgreSQL prints the expression in its own spelling", async function () {
      this.timeout(120_000);
      synchronize(synced);
      const [exclusion] = (await bookingTable(syncDb.url)).exclusions ?? [];
      expect(exclusion?.name).to.equal("booking_no_overlap");
      // The engine's text (the reflected written spelling) is not the entity's: the round trip is real.
      expect(exclusion?.writtenExpression ?? exclusion?.expression).to.equal(`USING gist (room WITH =, tsrange("from", "to") WITH &&)`);
      expect(exclusion?.writtenExpression ?? exclusion?.expression).to.not.equal(OVERLAP);
      retortOk(synced, ["check"]);
    });

    it("round trip: autogen + upgrade build the table synchronize builds; check 0; downgrade -1 removes it", async function () {
      this.timeout(180_000);
      expect(diffKinds(project)).to.deep.equal(["add_extension btree_gist", "add_table booking"]);
      retortOk(project, ["autogen", "-m", "booking"]);
      const file = latestMigration(project);
      expect(file).to.include("exclusions:");
      // The entity's own spelling (prettier may re-quote the string, so the text alone).
      expect(file).to.include(OVERLAP);
      retortOk(project, ["upgrade"]);
      retortOk(project, ["check"]);
      const migrated = withoutWrittenSpellings({ ...(await reflected(ctx.db.url)), tables: [await bookingTable(ctx.db.url)] });
      const fromSync = withoutWrittenSpellings({ ...(await reflected(syncDb.url)), tables: [await bookingTable(syncDb.url)] });
      expect(migrated.tables).to.deep.equal(fromSync.tables);
      expect(migrated.tables[0]!.exclusions).to.have.length(1);
      // The constraint is live: an overlapping booking of the same room is refused.
      await runSql(ctx.db.url, `INSERT INTO booking (room, guest, "from", "to") VALUES (1, 1, '2026-01-01', '2026-01-03')`);
      let refused = "";
      await runSql(ctx.db.url, `INSERT INTO booking (room, guest, "from", "to") VALUES (1, 2, '2026-01-02', '2026-01-04')`).catch((e: Error) => (refused = e.message));
      expect(refused).to.include("booking_no_overlap");
      await runSql(ctx.db.url, `DELETE FROM booking`);
      retortOk(project, ["downgrade", "-1"]);
      expect((await reflected(ctx.db.url)).tables.map((t) => t.name)).to.not.include("booking");
      retortOk(project, ["upgrade"]);
      retortOk(project, ["check"]);
    });

    it("detects an added @Exclusion; autogen → upgrade → check 0; downgrade -1 restores", async function () {
      this.timeout(180_000);
      await changeAndRoundTrip(project, ctx.db.url, { booking_no_overlap: OVERLAP, booking_guest_alone: GUEST_ALONE }, [
        "add_exclusion booking_guest_alone",
      ]);
      const file = latestMigration(project);
      expect(file).to.match(/op\.createExclusionConstraint\(\s*"booking_guest_alone",\s*"booking",/);
      expect(file).to.include(GUEST_ALONE);
      expect(file).to.match(/op\.dropExclusionConstraint\(\s*"booking_guest_alone",\s*"booking"/);
    });

    it("detects a changed expression (drop + create), in the entity's spelling either way", async function () {
      this.timeout(180_000);
      await changeAndRoundTrip(project, ctx.db.url, { booking_no_overlap: OVERLAP_UNLESS_CANCELLED, booking_guest_alone: GUEST_ALONE }, [
        "add_exclusion booking_no_overlap",
        "remove_exclusion booking_no_overlap",
      ]);
    });

    it("detects a removed @Exclusion", async function () {
      this.timeout(180_000);
      await changeAndRoundTrip(project, ctx.db.url, { booking_guest_alone: GUEST_ALONE }, ["remove_exclusion booking_no_overlap"]);
    });

    it("includeObject sees them as exclusion_constraint and can leave them out", function () {
      this.timeout(60_000);
      project.write("src/entities/booking.ts", booking({}));
      expect(diffKinds(project)).to.deep.equal(["remove_exclusion booking_guest_alone"]);
      project.write(
        "retort.config.ts",
        `import { defineConfig } from "@retort/cli";\nexport default defineConfig({ dataSource: "./src/data-source.ts", includeObject: (object, name, type) => type !== "exclusion_constraint" && type !== "extension" });\n`,
      );
      expect(diffKinds(project)).to.deep.equal([]);
    });
  },
  { families: ["postgres"] },
);
