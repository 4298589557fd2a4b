/**
 * Binds the service's ports to the reference router (src/runtime) and the
 * adapters (src/adapters). Both already speak the port shapes (the adapters'
 * DeliveryOutcome equals DeliveryResult), so the binding is direct.
 */
import { deliver } from "../adapters/deliver.js";
import { loadTable } from "../runtime/load-table.js";
import { route } from "../runtime/router.js";
import type { DeliveryPort, RouterPort } from "./ports.js";

/** The reference router. */
export const runtimeRouter: RouterPort = { loadTable: (json) => loadTable(json), route };

/** The adapters' delivery (filesystem, web service, OSCI). */
export const runtimeDelivery: DeliveryPort = { deliver };
