import type { Shape } from "../support/shape";
import { connectionParts } from "./server-settings";

/**
 * b. A NestJS-style layout: entities in src/**\/*.entity.ts found by a glob, a shared base
 * entity in libs/common reached through tsconfig `paths` (`@app/common/base.entity`), the
 * DataSource configured from environment variables; MariaDB.
 */
export const nestLike: Shape = {
  title: "b. NestJS-like layout (paths aliases, base entity, env DataSource, MariaDB)",
  fixture: "nest-like",
  target: "mariadb",
  settings(db) {
    const c = connectionParts(db);
    return { env: { DB_HOST: c.host, DB_PORT: c.port, DB_USERNAME: c.user, DB_PASSWORD: c.password, DB_DATABASE: c.database } };
  },
  edit: {
    file: "src/users/user.entity.ts",
    before: "  @Column({ length: 100 })\n  displayName: string;\n",
    after: "  @Column({ length: 100 })\n  displayName: string;\n\n  @Column({ nullable: true })\n  avatarUrl: string;\n",
    column: "avatarUrl",
  },
};
