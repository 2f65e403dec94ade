import { userInfo } from "node:os";
import { publicUses } from "../domain/licences.js";
import { incidentCountsByLicence, licenceOverview, setLicencePublicUse } from "../services/licence-policy.js";
import type { Db } from "../store/database.js";
import { openMigrated, say } from "./database.js";

/** Who changed a setting from the command line: the local account, where the system names one. */
function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return "cli";
  }
}

/**
 * `peacetrack licences` lists each licence with its current public use; `peacetrack licences set ID
 * include|count_only|exclude` changes it. The listing goes to standard output, messages to standard error.
 */
export async function runLicences(
  db: Db,
  args: (string | undefined)[],
  out: (line: string) => void,
  actor = cliActor(),
): Promise<void> {
  const [action, id, use] = args;
  if (action === "set") {
    if (!id || !use) throw new Error(`usage: peacetrack licences set ID ${publicUses.join("|")}`);
    const setting = await setLicencePublicUse(db, id, use, actor);
    say(`Licence ${setting.licenceId}: public outputs now ${setting.publicUse} its rows.`);
    return;
  }
  if (action !== undefined && action !== "list")
    throw new Error(
      `unknown action "${action}": use "peacetrack licences" or "peacetrack licences set ID USE"`,
    );
  const views = await licenceOverview(db);
  const counts = await incidentCountsByLicence(db);
  // Licences that rows carry but the instance does not know are shown too: their default is count_only.
  const known = new Set(views.map((v) => v.id));
  out(["licence", "public use", "default", "redistributable", "incidents", "attribution"].join("\t"));
  for (const view of views)
    out(
      [
        view.id,
        view.publicUse,
        view.defaultPublicUse,
        view.redistributable ? "yes" : "no",
        String(counts.get(view.id) ?? 0),
        view.attribution || "-",
      ].join("\t"),
    );
  for (const [id, count] of counts)
    if (!known.has(id)) out([id, "count_only", "count_only", "unknown", String(count), "-"].join("\t"));
}

export async function licencesCommand(action?: string, id?: string, use?: string) {
  const database = await openMigrated();
  try {
    await runLicences(database.db, [action, id, use], (line) => process.stdout.write(`${line}\n`));
  } finally {
    await database.close();
  }
}
