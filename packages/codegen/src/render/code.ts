/** Source as lines and nested blocks, written out by the ts-morph code writer. */
export type Code = string | CodeBlock;

export interface CodeBlock {
  /** Text before `{`, e.g. `await op.batchAlterTable("user", (batch) => `. */
  readonly head: string;
  readonly body: readonly Code[];
  /** Text after `}`, e.g. `);`. */
  readonly tail: string;
}

/** The subset of ts-morph's CodeBlockWriter that writing Code needs. */
export interface CodeWriter {
  write(text: string): CodeWriter;
  newLine(): CodeWriter;
  inlineBlock(block: () => void): CodeWriter;
}

export function writeCode(writer: CodeWriter, code: readonly Code[]): void {
  for (const item of code) {
    if (typeof item === "string") writer.write(item).newLine();
    else writer.write(item.head).inlineBlock(() => writeCode(writer, item.body)).write(item.tail).newLine();
  }
}

export const comment = (lines: readonly string[]): string[] => lines.map((l) => `// ${l}`);
