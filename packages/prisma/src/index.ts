export { parseDmmf, type Dmmf } from "./dmmf";
export { buildPrismaModel } from "./build-model";
export type { PrismaDialect } from "./type-mapping";
export { loadPrismaSchema, type PrismaSchema } from "./load-schema";
