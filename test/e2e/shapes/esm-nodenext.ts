import type { Shape } from "../support/shape";

/**
 * c. An ES module project: `"type": "module"`, NodeNext, `.js` specifiers naming `.ts`
 * sources, top-level await in the DataSource module; TypeORM 1.x on better-sqlite3 12.x
 * (13 needs Node 22).
 */
export const esmNodeNext: Shape = {
  title: "c. ESM NodeNext (.js specifiers, top-level await, TypeORM 1.x, better-sqlite3)",
  fixture: "esm-nodenext",
  target: "sqlite",
  nativeBuild: true,
  settings: (db) => ({ env: { SQLITE_FILE: db.name } }),
  edit: {
    file: "src/entity/User.ts",
    before: '  @Column({ type: "varchar", length: 120 })\n  name: string;\n',
    after: '  @Column({ type: "varchar", length: 120 })\n  name: string;\n\n  @Column({ type: "varchar", length: 40, nullable: true })\n  nickname: string | null;\n',
    column: "nickname",
  },
};
