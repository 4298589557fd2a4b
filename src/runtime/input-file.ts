/**
 * Reading a file a user names (a message, a routing table, a test block's
 * message file) without hanging and without unbounded memory:
 * - the file is opened non-blocking, so a FIFO without a writer does not block
 *   the open;
 * - only a regular file is read: a FIFO, a device (/dev/zero never ends), a
 *   socket or a folder is refused by its kind, before any byte is read;
 * - a file larger than `maxBytes` is refused by its size, before it is read.
 */
import { constants } from "node:fs";
import { open } from "node:fs/promises";

/** Why an input file was not read. Stable codes; the detail names no content. */
export type InputFileErrorCode =
  /** The file cannot be opened or read; `errno` holds the system code (ENOENT, EACCES...). */
  | "io"
  /** A folder, FIFO, device or socket: not a regular file. */
  | "not-a-file"
  /** Larger than the limit. */
  | "too-large";

/** Thrown by {@link readInputFile}; `message` is one payload-free line without the path. */
export class InputFileError extends Error {
  constructor(
    readonly code: InputFileErrorCode,
    message: string,
    /** System error code for "io" (ENOENT, EACCES, ELOOP...), else the kind ("EISDIR" for folders). */
    readonly errno: string,
  ) {
    super(message);
    this.name = "InputFileError";
  }
}

function kindOf(st: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (st.isDirectory()) return "a folder";
  if (st.isFIFO()) return "a FIFO (named pipe)";
  if (st.isCharacterDevice() || st.isBlockDevice()) return "a device";
  if (st.isSocket()) return "a socket";
  return "not a regular file";
}

/**
 * Reads a regular file of at most `maxBytes` bytes (see the module comment).
 * @throws InputFileError ("io", "not-a-file", "too-large"); never a raw system error
 */
export async function readInputFile(path: string, maxBytes: number): Promise<Buffer> {
  let fh;
  try {
    fh = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const errno = (e as NodeJS.ErrnoException).code ?? "error";
    throw new InputFileError("io", `cannot be opened (${errno})`, errno);
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) {
      throw new InputFileError("not-a-file", `is ${kindOf(st)}, not a regular file`, st.isDirectory() ? "EISDIR" : "ENOTFILE");
    }
    if (st.size > maxBytes) {
      throw new InputFileError("too-large", `is ${st.size} bytes, more than the limit of ${maxBytes} bytes`, "EFBIG");
    }
    const bytes = await fh.readFile();
    // A file that grew while it was read (appended to) is bounded too.
    if (bytes.byteLength > maxBytes) {
      throw new InputFileError("too-large", `is ${bytes.byteLength} bytes, more than the limit of ${maxBytes} bytes`, "EFBIG");
    }
    return bytes;
  } catch (e) {
    if (e instanceof InputFileError) throw e;
    const errno = (e as NodeJS.ErrnoException).code ?? "error";
    throw new InputFileError("io", `cannot be read (${errno})`, errno);
  } finally {
    await fh.close().catch(() => undefined);
  }
}
