import { z } from "zod";
import { kindActions, recordActions } from "./policy.js";

/**
 * What every record the API returns carries (issue #9, item 2): the actions the caller may take on it,
 * computed by the policy (`allowedActions`). The web app shows only these controls.
 */
export const AllowedActions = z
  .array(z.enum(recordActions))
  .describe("the actions the caller may take on this record (src/domain/policy.ts)");
export type AllowedActions = z.infer<typeof AllowedActions>;

/** The kind-level actions the caller may take per kind of record: create, submit_claim, import. */
export const AllowedKindActions = z
  .record(z.string(), z.array(z.enum(kindActions)))
  .describe("per kind of record, the kind-level actions the caller may take (create, submit_claim, import)");
export type AllowedKindActions = z.infer<typeof AllowedKindActions>;
