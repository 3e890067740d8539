export { parseDmmf, type Dmmf } from "./dmmf";
export { buildPrismaModel } from "./build-model";
export type { PrismaDialect } from "./type-mapping";
export { loadPrismaSchema, type PrismaSchema } from "./load-schema";
export { prismaModelSource, prismaModelSource as modelSourceKind } from "./source/prisma-model-source";
export { prismaUrlAsRetortUrl } from "./source/prisma-connection";
