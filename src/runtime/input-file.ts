/**
 * Reading a file a user names (a message, a routing table, a test block's
 * message file, a rule or XSD file, the municipality directory) without
 * hanging and without unbounded memory:
 * - the file is opened non-blocking, so a FIFO without a writer does not block
 *   the open;
 * - only a regular file is read: a FIFO, a device (/dev/zero never ends), a
 *   socket or a folder is refused by its kind, before any byte is read;
 * - a file larger than `maxBytes` is refused by its size, before it is read.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync, type Stats } from "node:fs";
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

function kindOf(st: Stats): string {
  if (st.isDirectory()) return "a folder";
  if (st.isFIFO()) return "a FIFO (named pipe)";
  if (st.isCharacterDevice() || st.isBlockDevice()) return "a device";
  if (st.isSocket()) return "a socket";
  return "not a regular file";
}

/** Flags of every open here: read-only, non-blocking (a FIFO without a writer would block the open). */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** Refuses what is not a regular file of at most `maxBytes` bytes (see the module comment). */
function checkKindAndSize(st: Stats, maxBytes: number): void {
  if (!st.isFile()) {
    throw new InputFileError("not-a-file", `is ${kindOf(st)}, not a regular file`, st.isDirectory() ? "EISDIR" : "ENOTFILE");
  }
  checkSize(st.size, maxBytes);
}

/** Refuses more than `maxBytes` bytes (also after reading: a file can grow while it is read). */
function checkSize(size: number, maxBytes: number): void {
  if (size > maxBytes) throw new InputFileError("too-large", `is ${size} bytes, more than the limit of ${maxBytes} bytes`, "EFBIG");
}

function ioError(e: unknown, what: "opened" | "read"): InputFileError {
  if (e instanceof InputFileError) return e;
  const errno = (e as NodeJS.ErrnoException).code ?? "error";
  return new InputFileError("io", `cannot be ${what} (${errno})`, errno);
}

/**
 * {@link readInputFile} for synchronous callers (the compiler, the directory loader).
 * @throws InputFileError ("io", "not-a-file", "too-large"); never a raw system error
 */
export function readInputFileSync(path: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (e) {
    throw ioError(e, "opened");
  }
  try {
    checkKindAndSize(fstatSync(fd), maxBytes);
    const bytes = readFileSync(fd);
    checkSize(bytes.byteLength, maxBytes);
    return bytes;
  } catch (e) {
    throw ioError(e, "read");
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a regular file of at most `maxBytes` bytes (see the module comment).
 * @throws InputFileError ("io", "not-a-file", "too-large"); never a raw system error
 */
export async function readInputFile(path: string, maxBytes: number): Promise<Buffer> {
  let fh;
  try {
    fh = await open(path, OPEN_FLAGS);
  } catch (e) {
    throw ioError(e, "opened");
  }
  try {
    checkKindAndSize(await fh.stat(), maxBytes);
    const bytes = await fh.readFile();
    checkSize(bytes.byteLength, maxBytes);
    return bytes;
  } catch (e) {
    throw ioError(e, "read");
  } finally {
    await fh.close().catch(() => undefined);
  }
}
