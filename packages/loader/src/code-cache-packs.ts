import { hash } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { crc32 } from "node:zlib";

/**
 * Where the V8 code cache keeps its entries: one pack file per source folder (the
 * entities' folder, each folder of TypeORM…), read once when a module of that folder is
 * first compiled and rewritten at exit when one of its modules was compiled afresh.
 * A file per module cost the first run about a second of file creation on 1600 modules;
 * a pack per folder is about 80 files. Each entry records the hash of its source
 * (V8 itself only checks the source's length) and a CRC-32 of its data: V8 does not
 * verify code cache data in release builds, and a flipped bit in it can crash the process
 * (a V8 fatal error, exit 133). A damaged or truncated entry is dropped and rebuilt.
 *
 * Layout: a 4-byte length, a JSON index `{ name: [sourceHash, offset, length, crc32] }`, the data.
 */
export interface CodeCachePacks {
  /** The cached data for a module whose source hashes to `sourceHash`, if any. */
  lookup(filename: string, sourceHash: string): Buffer | undefined;
  /** Records a module compiled afresh; its data is taken when the packs are saved. */
  add(filename: string, sourceHash: string, data: () => Buffer): void;
  /** Rewrites the packs of the folders that have new entries. */
  save(): void;
}

interface Entry {
  readonly sourceHash: string;
  /** The data, or undefined when it fails its checksum. */
  readonly data: () => Buffer | undefined;
}

type Index = Record<string, [sourceHash: string, offset: number, length: number, crc: number]>;

export function codeCachePacks(dir: string, salt: string): CodeCachePacks {
  const packs = new Map<string, Map<string, Entry>>();
  const changed = new Set<string>();
  const packFile = (folder: string) => join(dir, `${sha1(`${salt}\u0000${folder}`)}.v8pack`);
  const packOf = (folder: string): Map<string, Entry> => {
    let pack = packs.get(folder);
    if (!pack) {
      pack = readPack(packFile(folder));
      packs.set(folder, pack);
    }
    return pack;
  };
  return {
    lookup(filename, sourceHash) {
      const entry = packOf(dirname(filename)).get(basename(filename));
      return entry?.sourceHash === sourceHash ? entry.data() : undefined;
    },
    add(filename, sourceHash, data) {
      const folder = dirname(filename);
      packOf(folder).set(basename(filename), { sourceHash, data });
      changed.add(folder);
    },
    save() {
      for (const folder of changed) writePack(packFile(folder), packs.get(folder)!);
      changed.clear();
    },
  };
}

function readPack(file: string): Map<string, Entry> {
  const pack = new Map<string, Entry>();
  try {
    const buffer = readFileSync(file);
    const indexLength = buffer.readUInt32LE(0);
    const index = JSON.parse(buffer.toString("utf8", 4, 4 + indexLength)) as Index;
    const start = 4 + indexLength;
    for (const [name, [sourceHash, offset, length, crc]] of Object.entries(index)) {
      const data = buffer.subarray(start + offset, start + offset + length);
      // Checked when used: a run loads only some of a folder's modules.
      pack.set(name, { sourceHash, data: () => (data.length === length && crc32(data) === crc ? data : undefined) });
    }
  } catch {
    // no pack yet, or an unreadable one: its modules are compiled and the pack rewritten
  }
  return pack;
}

function writePack(file: string, pack: ReadonlyMap<string, Entry>): void {
  try {
    const index: Index = {};
    const chunks: Buffer[] = [];
    let offset = 0;
    for (const [name, entry] of pack) {
      const data = entry.data();
      if (data === undefined) continue;
      index[name] = [entry.sourceHash, offset, data.length, crc32(data)];
      chunks.push(data);
      offset += data.length;
    }
    const indexBytes = Buffer.from(JSON.stringify(index), "utf8");
    const length = Buffer.alloc(4);
    length.writeUInt32LE(indexBytes.length, 0);
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, Buffer.concat([length, indexBytes, ...chunks]), { mode: 0o600 });
    renameSync(temporary, file);
  } catch {
    // a read-only or full disk only costs the next run its compilation
  }
}

function sha1(text: string): string {
  return hash("sha1", text, "hex");
}
