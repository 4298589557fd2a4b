/**
 * What the service needs from the router and the adapters, as two small
 * interfaces ("ports"). The default implementation (src/service/runtime-ports.ts)
 * binds them to src/runtime/router.ts and src/adapters; tests may pass others.
 */
import type { LoadedTable, RouteOptions, RouteResult, RoutedDelivery } from "../runtime/api.js";

/** Loads and routes (src/runtime/router.ts). */
export interface RouterPort {
  /**
   * Validates and prepares a parsed routing table.
   * @throws an Error with a payload-free message when the table is invalid or of another major version.
   */
  loadTable(json: unknown): LoadedTable;
  /** Routes one message; never throws for bad input (a rejection is a result). */
  route(table: LoadedTable, bytes: Uint8Array, opts?: RouteOptions): Promise<RouteResult>;
}

/** Context of one delivery. */
export interface DeliveryContext {
  /** Absolute exchange root; filesystem adapter paths are relative to it. */
  exchangeRoot: string;
  /** Folder holding secret files referenced by web-service adapters. */
  secretsDir?: string;
}

/**
 * Result of one delivery attempt, as the service sees it.
 * `alreadyPresent`: an identical file was already published (a redelivery after a crash) — counts as delivered.
 */
export type DeliveryResult =
  | { ok: true; alreadyPresent?: boolean; location?: string }
  | {
      ok: false;
      /** True when a later attempt may succeed (I/O error, timeout, HTTP 5xx). */
      retryable: boolean;
      /** Short payload-free error class, e.g. "exists-different", "io", "http-503". */
      errorClass: string;
      /** Payload-free detail. */
      detail?: string;
    };

/** Publishes one routed delivery (src/adapters). */
export interface DeliveryPort {
  /** Never throws for delivery failures; an unexpected throw is treated as a retryable "adapter-error". */
  deliver(delivery: RoutedDelivery, ctx: DeliveryContext): Promise<DeliveryResult>;
}
