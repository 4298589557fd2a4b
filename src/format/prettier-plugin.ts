/**
 * Prettier 3 plugin for stellwerk rule files (*.stw): the same house style as
 * `stellwerk fmt` (the formatting is done by {@link format}; Prettier's
 * printWidth, tabWidth and useTabs do not apply). Usage:
 *   prettier --plugin=stellwerk/dist/src/format/prettier-plugin.js --write "rules/**\/*.stw"
 * or `"plugins": ["stellwerk/dist/src/format/prettier-plugin.js"]` in .prettierrc.
 * Uses Prettier only as types: no runtime dependency.
 * A file with errors makes the parser throw an error carrying `loc` (1-based
 * line, column) of the first error, which Prettier shows with a code frame.
 */
import type { Parser, Printer, SupportLanguage } from "prettier";
import { lineIndex } from "../diagnostics/source.js";
import { format } from "./format.js";

/** The plugin's AST: the whole file, already formatted. */
export interface StellwerkRoot {
  type: "stellwerk-file";
  formatted: string;
  start: number;
  end: number;
}

export const languages: SupportLanguage[] = [
  {
    name: "stellwerk",
    parsers: ["stellwerk"],
    extensions: [".stw"],
    vscodeLanguageIds: ["stellwerk"],
  },
];

/** Thrown for a file that cannot be formatted; Prettier reads `loc` for its code frame. */
export class StellwerkSyntaxError extends Error {
  constructor(
    message: string,
    readonly loc: { start: { line: number; column: number } },
  ) {
    super(message);
    this.name = "StellwerkSyntaxError";
  }
}

export const parsers: Record<string, Parser<StellwerkRoot>> = {
  stellwerk: {
    astFormat: "stellwerk",
    parse(text: string, options?: { filepath?: string }): StellwerkRoot {
      const r = format(text, options?.filepath ? { file: options.filepath } : {});
      if (r.ok) return { type: "stellwerk-file", formatted: r.text, start: 0, end: text.length };
      const d = r.diagnostics.find((x) => x.severity === "error") ?? r.diagnostics[0];
      const at = lineIndex(text).position(d?.span?.start ?? 0);
      const more = r.diagnostics.length > 1 ? ` (and ${r.diagnostics.length - 1} more)` : "";
      throw new StellwerkSyntaxError(`${d?.code ?? "SW1010"}: ${d?.message ?? "syntax error"}${more}`, { start: at });
    },
    locStart: (node) => node.start,
    locEnd: (node) => node.end,
  },
};

export const printers: Record<string, Printer<StellwerkRoot>> = {
  stellwerk: {
    // One string doc: printed as is, so Prettier never trims spaces inside JSONata fences or block comments.
    print: (path) => path.node.formatted,
  },
};
