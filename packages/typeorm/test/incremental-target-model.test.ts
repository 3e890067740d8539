import type { DatabaseFacts, OpenedModelSource, SourceProject } from "@retort/core";
import { expect } from "chai";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildTargetModel, entitiesDataSource, modelSourceKind } from "../src";
import { entityCorpus, type Family } from "./support/entity-corpus";
import { createFixtureProject, type FixtureProject, type TypeormVersion } from "./support/fixture-project";
import { useMetadataStorageOf } from "./support/metadata-storage";

const OFFLINE: Readonly<Record<Family, { url: string; facts: DatabaseFacts }>> = {
  postgres: { url: "postgres://nobody@127.0.0.1:1/shop", facts: { dialect: "postgres", defaultSchema: "public", serverVersion: null } },
  mysql: { url: "mariadb://nobody@127.0.0.1:1/shop", facts: { dialect: "mariadb", defaultSchema: "shop", serverVersion: "10.11.9-MariaDB" } },
  sqlite: { url: "sqlite::memory:", facts: { dialect: "sqlite", defaultSchema: "main", serverVersion: null } },
};

const SHELF = `import { Column, Entity, ManyToOne, OneToMany, PrimaryGeneratedColumn } from "typeorm";
import { Author } from "./author";
import { Publisher } from "./publisher";

@Entity()
export class Shelf {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 30 }) label!: string;
  @ManyToOne(() => Author, { nullable: true }) keeper!: Author | null;
  @OneToMany(() => Slot, (slot) => slot.shelf) slots!: Slot[];
}

@Entity()
export class Slot {
  @PrimaryGeneratedColumn() id!: number;
  @ManyToOne(() => Shelf, (shelf) => shelf.slots, { onDelete: "CASCADE", nullable: false }) shelf!: Shelf;
  @ManyToOne(() => Publisher, { nullable: true }) publisher!: Publisher | null;
}
`;

interface Save {
  readonly what: string;
  readonly file: string;
  readonly edit: (text: string) => string;
  /** Built alone (`built N of …`), or the reason a whole build was needed. */
  readonly expect: RegExp;
}

const SAVES: readonly Save[] = [
  { what: "a column added to an entity with an embedded class", file: "src/entity/author.ts", edit: (t) => t.replace("revision!: number;", 'revision!: number;\n  @Column({ length: 9, nullable: true }) extra!: string;'), expect: /^built 1 of/ },
  { what: "a column of a referenced entity widened", file: "src/entity/publisher.ts", edit: (t) => t.replace("@Column({ length: 100 }) name", "@Column({ length: 150 }) name"), expect: /^built 1 of/ },
  { what: "a referenced entity's key widened", file: "src/entity/publisher.ts", edit: (t) => t.replace("length: 20 }) code", "length: 30 }) code"), expect: /primary key changed/ },
  { what: "the owner of a join table", file: "src/entity/book.ts", edit: (t) => t.replace("length: 200", "length: 210").replace('@JoinTable({ name: "book_tags" })', '@JoinTable({ name: "book_tags", joinColumn: { name: "book" } })'), expect: /^built 1 of/ },
  { what: "the other side of a join table owned elsewhere", file: "src/entity/tag.ts", edit: (t) => t.replace("label!: string;", 'label!: string;\n  @Column({ default: 0 }) uses!: number;').replace("import { Entity,", "import { Column, Entity,"), expect: /join table owned by an entity not re-read/ },
  { what: "single-table inheritance", file: "src/entity/content.ts", edit: (t) => t.replace("length: 100", "length: 110"), expect: /not a plain synchronized table/ },
  { what: "a relation added between two entities of one module", file: "src/entity/shelf.ts", edit: (t) => t.replace("keeper!: Author | null;", "keeper!: Author | null;\n  @ManyToOne(() => Publisher) owner!: Publisher;"), expect: /^built 2 of/ },
  { what: "a required relation, and an index", file: "src/entity/shelf.ts", edit: (t) => t.replace("{ nullable: true }) keeper", "{ nullable: false }) keeper").replace("@Column({ length: 30 })", "@Index() @Column({ length: 30 })").replace("import { Column,", "import { Column, Index,"), expect: /^built 2 of/ },
  { what: "a one-to-one target's column", file: "src/entity/cover.ts", edit: (t) => t.replace("length: 300", "length: 310"), expect: /^built 1 of/ },
];

/**
 * `check --watch` builds only the entities an in-place reload replaced when no other
 * table can change (incremental-target-model.ts): after each save, the model must be the
 * one a whole build of the same classes makes, on every engine and both TypeORM lines.
 */
describe("building only the re-read entities", () => {
  for (const typeorm of ["1.x", "0.3"] as TypeormVersion[]) {
    for (const family of typeorm === "1.x" ? (["postgres", "mysql", "sqlite"] as Family[]) : (["postgres"] as Family[])) {
      it(`makes the model a whole build makes, save after save (TypeORM ${typeorm}, ${family})`, async function () {
        this.timeout(120_000);
        const project = createFixtureProject(typeorm, { ...entityCorpus(family), "src/entity/shelf.ts": SHELF });
        try {
          useMetadataStorageOf(typeorm);
          const { url, facts } = OFFLINE[family];
          const sourceProject: SourceProject = { configFile: join(project.dir, "retort.config.ts"), projectDir: project.dir, cwd: project.dir, config: { entities: ["src/entity/*.ts"] }, explicitUrl: url };
          let source: OpenedModelSource = await modelSourceKind.open(sourceProject);
          await source.load();
          let model = (await source.buildModel(facts)).target;
          expect(await wholeBuild(project, url, facts)).to.deep.equal(model);
          const texts = new Map<string, string>();
          for (const save of SAVES) {
            const before = texts.get(save.file) ?? readFileSync(join(project.dir, save.file), "utf8");
            const text = save.edit(before);
            expect(text, save.what).to.not.equal(before);
            texts.set(save.file, text);
            const file = project.write(save.file, text);
            const reloaded = await source.reloadInPlace!([file]);
            if ("fallback" in reloaded) throw new Error(`${save.what}: ${reloaded.fallback}`);
            source = reloaded.source;
            await source.load();
            const built = await source.buildModel(facts);
            expect(built.buildNote, `${save.what}: ${built.buildNote}`).to.match(save.expect);
            expect(built.target, `${save.what} changes the model`).to.not.deep.equal(model);
            expect(built.target, save.what).to.deep.equal(await wholeBuild(project, url, facts));
            model = built.target;
          }
          // Required relations in a cycle through an entity the narrowed build leaves out (Author → Slot → Shelf → Author): TypeORM's refusal, from a whole build.
          const author = texts.get("src/entity/author.ts")!;
          const cyclic = author.replace("revision!: number;", 'revision!: number;\n  @ManyToOne(() => Slot, { nullable: false }) pinned!: Slot;').replace("import {", 'import { Slot } from "./shelf";\nimport { ManyToOne,');
          const reloaded = await source.reloadInPlace!([project.write("src/entity/author.ts", cyclic)]);
          if ("fallback" in reloaded) throw new Error(`the cycle: ${reloaded.fallback}`);
          await reloaded.source.load();
          const refusal = await reloaded.source.buildModel(facts).then(
            (built) => `built: ${built.buildNote}`,
            (e: Error) => e.message,
          );
          expect(refusal).to.match(/circular/i);
        } finally {
          project.remove();
        }
      });
    }
  }
});

/** The model of the classes loaded now, built from all of them. */
async function wholeBuild(project: FixtureProject, url: string, facts: DatabaseFacts): Promise<unknown> {
  const dataSource = await entitiesDataSource({ entities: ["src/entity/*.ts"], url, baseDir: project.dir });
  return buildTargetModel(dataSource, { defaultSchema: facts.defaultSchema, dialect: facts.dialect, serverVersion: facts.serverVersion ?? undefined });
}
