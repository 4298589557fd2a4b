/**
 * Public entry of the file-exchange service (docs/service.md): the service
 * itself, replay of error-folder entries, and the retention purge.
 */
export { startService, type ServiceHandle, type ReloadResult, type ServiceStats } from "./service.js";
export type { ServiceOptions } from "./options.js";
export type { RouterPort, DeliveryPort, DeliveryResult, DeliveryContext } from "./ports.js";
export type { ReasonFile, ServiceReason } from "./reasons.js";
export { replayErrors, type ReplayOptions, type ReplayItem } from "./replay.js";
export { purgeState, parseDuration, type PurgeOptions, type PurgeReport } from "./purge.js";
export { createServiceLogger } from "./logger.js";
export { JOURNAL_FILE } from "./journal.js";
