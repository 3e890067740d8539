import type { TypeormVersion } from "./fixture-project";

type GlobalWithStorage = typeof globalThis & { typeormMetadataArgsStorage?: object };

const storages = new Map<TypeormVersion, object>();

/**
 * TypeORM keeps its decorator registry in one global (`typeormMetadataArgsStorage`),
 * whichever copy created it. A user project has one TypeORM; these tests run 0.3 and
 * 1.x in one process, whose registries are not compatible, so each case switches to its
 * version's registry before loading entities or building metadata.
 */
export function useMetadataStorageOf(version: TypeormVersion): void {
  const g = globalThis as GlobalWithStorage;
  const current = g.typeormMetadataArgsStorage;
  if (current) storages.set(storageVersion(current), current);
  const wanted = storages.get(version);
  if (wanted) g.typeormMetadataArgsStorage = wanted;
  else delete g.typeormMetadataArgsStorage;
}

/** 0.3's registry still has relation counts, which 1.x removed. */
function storageVersion(storage: object): TypeormVersion {
  return typeof (storage as { filterRelationCounts?: unknown }).filterRelationCounts === "function" ? "0.3" : "1.x";
}
