import type { Shape } from "../support/shape";
import { connectionParts } from "./server-settings";

/**
 * a. What `typeorm init --database postgres` writes with TypeORM 0.3.28 (CommonJS, the
 * connection written into src/data-source.ts, tsconfig without skipLibCheck).
 */
export const typeormInit: Shape = {
  title: "a. typeorm init layout (CommonJS, typeorm 0.3.28, PostgreSQL)",
  fixture: "typeorm-init",
  target: "postgres",
  settings(db) {
    const c = connectionParts(db);
    return { placeholders: { PG_HOST: c.host, PG_PORT: c.port, PG_USER: c.user, PG_PASSWORD: c.password, PG_DATABASE: c.database } };
  },
  edit: {
    file: "src/entity/User.ts",
    before: "    @Column()\n    age: number\n",
    after: "    @Column()\n    age: number\n\n    @Column({ nullable: true })\n    nickname: string\n",
    column: "nickname",
  },
};
