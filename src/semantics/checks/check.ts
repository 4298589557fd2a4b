/**
 * The shape of a semantic check: one rule, one file. A check reads the checked
 * model and reports diagnostics; it never changes the model.
 */
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { CheckedModel } from "../model.js";

export type Check = (model: CheckedModel, report: (d: Diagnostic) => void) => void;
