/**
 * The one entry point the service calls: publish one routed delivery through
 * its adapter. Never throws: configuration and I/O problems become failed
 * outcomes with a stable error class (outcome.ts) and a payload-free detail.
 */
import type { RoutedDelivery } from "../runtime/api.js";
import { deliverFilesystem } from "./filesystem.js";
import { deliverOsci } from "./osci.js";
import { AdapterError, type DeliveryContext, type DeliveryOutcome } from "./outcome.js";
import { deliverWebservice } from "./webservice.js";

export type { DeliveryContext, DeliveryOutcome } from "./outcome.js";

/** Publishes `delivery` (see the module comment). */
export async function deliver(delivery: RoutedDelivery, ctx: DeliveryContext): Promise<DeliveryOutcome> {
  try {
    const a = delivery.adapter;
    switch (a.kind) {
      case "filesystem":
        return await deliverFilesystem(delivery, a, ctx);
      case "webservice":
        return await deliverWebservice(delivery, a, ctx);
      case "osci":
        return await deliverOsci(delivery, a, ctx);
      default:
        return { ok: false, retryable: false, errorClass: "adapter-error", detail: "unknown adapter kind" };
    }
  } catch (e) {
    if (e instanceof AdapterError) return { ok: false, retryable: e.retryable, errorClass: e.errorClass, detail: e.message };
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === "string") {
      const full = code === "ENOSPC" || code === "EDQUOT";
      return { ok: false, retryable: true, errorClass: "io", detail: `filesystem error ${code}${full ? " (disk full)" : ""}` };
    }
    return { ok: false, retryable: true, errorClass: "adapter-error", detail: "unexpected adapter failure" };
  }
}
