import { expect } from "chai";
import { buildEntityMetadatas, entitiesDataSource, type TypeormDataSource } from "../src";
import { entityCorpus, type Family } from "./support/entity-corpus";
import { createFixtureProject, type TypeormVersion } from "./support/fixture-project";
import { useMetadataStorageOf } from "./support/metadata-storage";

const OFFLINE_URLS: Readonly<Record<Family, string>> = {
  postgres: "postgres://nobody@127.0.0.1:1/shop",
  mysql: "mariadb://nobody@127.0.0.1:1/shop",
  sqlite: "sqlite::memory:",
};

/** Relations named by string (class name, table name) and an entity extending an entity, beside the corpus's inheritance and junctions. */
const EXTRA = `import { Column, Entity, ManyToOne, PrimaryGeneratedColumn } from "typeorm";

@Entity("note_base")
export class NoteBase {
  @PrimaryGeneratedColumn() id!: number;
  @ManyToOne("Tag") tag!: unknown;
  @ManyToOne("note_base") previous!: unknown;
}

@Entity()
export class SpecialNote extends NoteBase {
  @Column({ nullable: true }) flavour!: string;
  @ManyToOne("SpecialNote", "children") parent!: unknown;
}
`;

interface Metadata {
  readonly tableName: string;
  readonly targetName: string;
  readonly tableType: string;
  readonly childEntityMetadatas: readonly Metadata[];
  readonly parentEntityMetadata?: Metadata;
  readonly columns: readonly { propertyPath: string; isNullable: boolean }[];
  readonly relations: readonly { propertyPath: string; inverseEntityMetadata?: Metadata; inverseRelation?: { propertyPath: string }; inverseSidePropertyPath?: string }[];
}

/** What the two builds decide: inheritance both ways, each relation's other side, which columns are nullable (single-table children's are). */
function decisions(metadatas: readonly Metadata[]): unknown[] {
  return metadatas.map((m) => ({
    table: `${m.tableType} ${m.tableName} ${m.targetName}`,
    parent: m.parentEntityMetadata?.targetName ?? null,
    children: m.childEntityMetadatas.map((c) => c.targetName),
    columns: m.columns.map((c) => `${c.propertyPath}${c.isNullable ? "?" : ""}`),
    relations: m.relations.map((r) => [r.propertyPath, r.inverseEntityMetadata?.targetName ?? null, r.inverseRelation?.propertyPath ?? null, r.inverseSidePropertyPath ?? null]),
  }));
}

/** TypeORM's own build, as it runs at initialize(), without retort's faster steps. */
async function typeormsOwnBuild(dataSource: TypeormDataSource): Promise<readonly Metadata[]> {
  const shadow = Object.create(dataSource, { options: { value: { ...dataSource.options, migrations: [], subscribers: [] }, writable: true } }) as {
    buildMetadatas(): Promise<void>;
    entityMetadatas: readonly Metadata[];
  };
  await shadow.buildMetadatas();
  return shadow.entityMetadatas;
}

describe("the metadata build's linear steps", () => {
  for (const typeorm of ["0.3", "1.x"] as TypeormVersion[]) {
    for (const family of ["postgres", "mysql", "sqlite"] as Family[]) {
      it(`decide inheritance and inverse sides as TypeORM does (TypeORM ${typeorm}, ${family})`, async () => {
        const project = createFixtureProject(typeorm, { ...entityCorpus(family), "src/entity/note.ts": EXTRA });
        try {
          useMetadataStorageOf(typeorm);
          const dataSource = await entitiesDataSource({ entities: ["src/entity/*.ts"], url: OFFLINE_URLS[family], baseDir: project.dir });
          const theirs = decisions(await typeormsOwnBuild(dataSource));
          const ours = decisions((await buildEntityMetadatas(dataSource)) as unknown as readonly Metadata[]);
          expect(ours).to.deep.equal(theirs);
          expect(JSON.stringify(theirs)).to.include("Photo").and.include("SpecialNote").and.include("book_tags");
        } finally {
          project.remove();
        }
      });
    }
  }
});
