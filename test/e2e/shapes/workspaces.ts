import type { Shape } from "../support/shape";

/**
 * d. An npm-workspaces monorepo: the entities are TypeScript sources in a sibling
 * workspace package (@acme/entities, `main: ./src/index.ts`), the DataSource in
 * packages/api; retort installed at the root and run in packages/api.
 */
export const workspaces: Shape = {
  title: "d. npm workspaces monorepo (entities in a sibling package, PostgreSQL, TypeORM 1.x)",
  fixture: "workspaces",
  target: "postgres",
  appDir: "packages/api",
  settings: (db) => ({ env: { DATABASE_URL: db.url } }),
  edit: {
    file: "packages/entities/src/user.entity.ts",
    before: '  @Column({ type: "varchar", length: 200 })\n  email: string;\n',
    after: '  @Column({ type: "varchar", length: 200 })\n  email: string;\n\n  @Column({ type: "boolean", default: false })\n  isAdmin: boolean;\n',
    column: "isAdmin",
  },
};
