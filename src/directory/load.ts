/** loadDirectory: read a directory file from disk (the only function here that does I/O). */
import { readInputFileSync, type InputFileError } from "../runtime/input-file.js";
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
    // only a regular file: a FIFO would block for ever, /dev/zero never ends
    bytes = readInputFileSync(path, MAX_DIRECTORY_BYTES);
  } catch (e) {
    const err = e as InputFileError;
    const message = err.code === "too-large" ? `larger than ${MAX_DIRECTORY_BYTES} bytes` : err.code === "not-a-file" ? `the path ${err.message}` : `cannot read the file (${err.errno})`;
    throw new DirectoryLoadError([{ code: "io", file: path, message }]);
  }
  const { directory, errors } = parseDirectory(bytes, path, options);
  if (!directory) throw new DirectoryLoadError(errors);
  return directory;
}
