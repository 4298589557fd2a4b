/** loadDirectory: read a directory file from disk (the only function here that does I/O). */
import { readFileSync, statSync } from "node:fs";
import { DirectoryLoadError } from "./errors.js";
import { parseDirectory } from "./parse.js";
import type { Directory, DirectoryOptions } from "./types.js";

/** Larger files are refused unread (the national extract is about 2 MB). */
export const MAX_DIRECTORY_BYTES = 64 * 1024 * 1024;

/**
 * Read and parse a directory file (see {@link parseDirectory} for the accepted layouts
 * and how the Gebietsstand is found).
 * @throws DirectoryLoadError (with typed `errors`) when the file cannot be read or is invalid.
 */
export function loadDirectory(path: string, options: DirectoryOptions = {}): Directory {
  let bytes: Uint8Array;
  try {
    if (statSync(path).size > MAX_DIRECTORY_BYTES) {
      throw new DirectoryLoadError([{ code: "io", file: path, message: `larger than ${MAX_DIRECTORY_BYTES} bytes` }]);
    }
    bytes = readFileSync(path);
  } catch (e) {
    if (e instanceof DirectoryLoadError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? "unknown";
    throw new DirectoryLoadError([{ code: "io", file: path, message: `cannot read the file (${code})` }]);
  }
  const { directory, errors } = parseDirectory(bytes, path, options);
  if (!directory) throw new DirectoryLoadError(errors);
  return directory;
}
