/**
 * The JSON view of the incoming message, per message type, computed lazily
 * and at most once per route call (candidates of one detection key usually
 * share one type).
 */
import type { RoutingTable } from "../table/routing-table.js";
import type { Intake } from "./intake/intake.js";
import { conformJson } from "./json-conformance.js";
import { XmlViewError, type CheckedBase64, type ParseXmlOptions, type XmlView, type XmlViewLimits } from "./xml-view.js";

export type View = { ok: true; value: unknown } | { ok: false; detail: string };

export class MessageViews {
  readonly #cache = new Map<string, View>();

  constructor(
    private readonly table: RoutingTable,
    private readonly msg: Extract<Intake, { ok: true }>,
    private readonly xml: XmlView,
    private readonly limits: XmlViewLimits,
    /** Receives the base64 values the views found valid (shared with the route's output builds). */
    checked?: CheckedBase64,
  ) {
    this.#parseOptions = { ...(checked !== undefined ? { checked } : {}), ...(msg.kind === "xml" && msg.prescanned !== undefined ? { prescanned: msg.prescanned } : {}) };
  }

  readonly #parseOptions: ParseXmlOptions;

  /** The view of the message as `messageType` (a key of table.messages). */
  get(messageType: string): View {
    let v = this.#cache.get(messageType);
    if (v === undefined) {
      v = this.compute(messageType);
      this.#cache.set(messageType, v);
    }
    return v;
  }

  private compute(messageType: string): View {
    const mt = Object.hasOwn(this.table.messages, messageType) ? this.table.messages[messageType] : undefined;
    if (mt === undefined) return { ok: false, detail: `message type ${messageType} is not in the table` };
    if (this.msg.kind === "json") {
      if (mt.encoding.format !== "json") return { ok: false, detail: `${messageType} is an XML message type, the message is JSON` };
      const fit = conformJson(this.msg.value, mt.type, this.table.types);
      return fit.ok ? { ok: true, value: fit.value } : { ok: false, detail: `not a valid ${messageType}: ${fit.problems.join("; ")}` };
    }
    if (mt.encoding.format !== "xml") return { ok: false, detail: `${messageType} is a JSON message type, the message is XML` };
    try {
      return { ok: true, value: this.xml.parse(this.msg.text, mt, this.table.types, this.limits, this.#parseOptions) };
    } catch (e) {
      const detail = e instanceof XmlViewError ? e.message : "the typed XML view failed";
      return { ok: false, detail: `not a valid ${messageType}: ${detail}` };
    }
  }
}
