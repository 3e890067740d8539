import { describeEachTarget } from "@retort/testing";
import { expect } from "chai";
import { DataSafetyProject } from "./data-safety-project";

/**
 * Issue 10, item 4: on MySQL/MariaDB, InnoDB creates an index for a foreign key that no
 * index serves and keeps it when the key is dropped, so `downgrade -1` left an extra
 * `FK_…` index. The other engines run the same scenario as a control.
 */
const AUTHOR = `import { Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity()
export class Author {
  @PrimaryGeneratedColumn() id!: number;
}
`;

/** A book with an `authorId` column; `relation` adds the foreign key, `declaredIndex` an @Index on the column. */
function bookEntity(options: { relation: boolean; declaredIndex: boolean }): string {
  return `import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { Author } from "./author";

@Entity()
export class Book {
  @PrimaryGeneratedColumn() id!: number;
  ${options.declaredIndex ? '@Index("IX_book_author")' : ""}
  @Column({ type: "int", nullable: true }) authorId!: number | null;
  ${options.relation ? '@ManyToOne(() => Author) @JoinColumn({ name: "authorId" }) author!: Author | null;' : ""}
}
`;
}

for (const declaredIndex of [false, true]) {
  describeEachTarget(`data safety: dropping a foreign key ${declaredIndex ? "beside a declared index" : "InnoDB indexed for itself"}`, (ctx) => {
    let project: DataSafetyProject;
    const indexNames = async () =>
      ((await project.reflect()).tables.find((t) => t.name === "book")?.indexes ?? []).map((i) => i.name).sort();
    const physicalIndexes = async () =>
      ctx.target.family === "mysql"
        ? [...new Set((await project.query<{ Key_name: string }>("SHOW INDEX FROM `book`")).map((r) => r.Key_name))].sort()
        : await indexNames();

    before(() => {
      project = DataSafetyProject.create(ctx, { "author.ts": AUTHOR, "book.ts": bookEntity({ relation: false, declaredIndex }) });
      expect(project.retort("autogen", "-m", "books").code).to.equal(0);
      expect(project.retort("upgrade").code).to.equal(0);
    });
    after(async () => project?.close());

    it("downgrade -1 of an added foreign key restores the schema exactly", async () => {
      const before = await project.reflect();
      const indexesBefore = await physicalIndexes();
      project.entity("book.ts", bookEntity({ relation: true, declaredIndex }));
      expect(project.retort("autogen", "-m", "book author").code).to.equal(0);
      const up = project.retort("upgrade");
      expect(up.code, up.stderr).to.equal(0);
      expect(project.retort("check").code).to.equal(0);
      const down = project.retort("downgrade", "-1");
      expect(down.code, down.stderr).to.equal(0);
      expect(await physicalIndexes()).to.deep.equal(indexesBefore);
      expect(await project.reflect()).to.deep.equal(before);
      if (declaredIndex) expect(indexesBefore).to.include("IX_book_author");
    });

    it("an upgrade that drops the key leaves no index behind either", async () => {
      expect(project.retort("upgrade").code).to.equal(0);
      project.entity("book.ts", bookEntity({ relation: false, declaredIndex }));
      expect(project.retort("autogen", "-m", "no author").code).to.equal(0);
      const up = project.retort("upgrade");
      expect(up.code, up.stderr).to.equal(0);
      const check = project.retort("check");
      expect(check.code, check.stdout).to.equal(0);
      expect(await physicalIndexes()).to.deep.equal(declaredIndex ? (ctx.target.family === "mysql" ? ["IX_book_author", "PRIMARY"] : ["IX_book_author"]) : ctx.target.family === "mysql" ? ["PRIMARY"] : []);
    });
  });
}
