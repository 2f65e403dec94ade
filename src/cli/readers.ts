import { type Actor, anonymous } from "../domain/actor.js";

/**
 * Who the CLI reads as. A command that reaches the database itself is trusted with everything: it reads
 * as the local administrator "cli" (the same local hand as the import hand-off, api/authentication.ts),
 * whom the policy lets read every review state. A file meant to be handed out is written as the public
 * reads (published and disputed records only). Reads only: CLI writes go through the system actor.
 */
export const cliSystemReader: Actor = {
  kind: "account",
  accountId: "local-cli",
  name: "cli",
  role: "administrator",
  via: "token",
};

export const readerFor = (publicOnly: boolean): Actor => (publicOnly ? anonymous : cliSystemReader);
