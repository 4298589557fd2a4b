/**
 * The official municipality directory (Destatis GV-ISys) as a data input of the
 * compiler. Entry points: {@link loadDirectory} (file) and {@link parseDirectory}
 * (bytes, pure); key helpers in keys.ts.
 */
export { loadDirectory, MAX_DIRECTORY_BYTES } from "./load.js";
export { parseDirectory } from "./parse.js";
export { DirectoryLoadError, MAX_ERRORS } from "./errors.js";
export { DIRECTORY_LICENCE, directoryAttribution } from "./attribution.js";
export {
  describeKey,
  LEVEL_LABEL,
  levelOfKey,
  municipalitiesUnder,
  normalizeRegionKey,
  officialName,
  type NormalizedRegionKey,
} from "./keys.js";
export type {
  Area,
  Directory,
  DirectoryError,
  DirectoryErrorCode,
  DirectoryFormat,
  DirectoryOptions,
  Municipality,
  ParseDirectoryResult,
  RegionLevel,
} from "./types.js";
