/** Shared inputs for the directory tests: the real extracts in examples/directory. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadDirectory, type Directory } from "../../src/directory/index.js";

export const EXAMPLES = fileURLToPath(new URL("../../examples/directory/", import.meta.url));
export const RAW_FILE = `${EXAMPLES}AuszugGV4QAktuell_2020.csv`;
export const DE_FILE = `${EXAMPLES}gemeinden_de.csv`;
export const SN_FILE = `${EXAMPLES}gemeinden_sachsen.csv`;
/** The Gebietsstand of the 2020 Q4 extract; the derived CSVs do not carry it. */
export const GEBIETSSTAND = "2020-12-31";

export function bytesOf(path: string): Uint8Array {
  return readFileSync(path);
}

export function textOf(path: string): string {
  return readFileSync(path, "utf8").replace(/^\uFEFF/, "");
}

let raw: Directory | undefined;
let derived: Directory | undefined;

/** The national directory from the raw Destatis extract (loaded once per test file). */
export function rawDirectory(): Directory {
  return (raw ??= loadDirectory(RAW_FILE));
}

/** The national directory from the derived gemeinden_de.csv (loaded once per test file). */
export function derivedDirectory(): Directory {
  return (derived ??= loadDirectory(DE_FILE, { date: GEBIETSSTAND }));
}

/** UTF-8 bytes of a string (no BOM). */
export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
