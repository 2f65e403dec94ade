import { Command } from "commander";
import { packageVersion } from "../services/version.js";
import { registerAdminCommand } from "./admin.js";
import { migrateCommand, seedCommand } from "./database.js";
import { exportCommand } from "./export.js";
import { registerFeedsCommand } from "./feeds.js";
import { registerImportCommand } from "./import.js";
import { registerIngestCommand } from "./ingest.js";
import { licencesCommand } from "./licences.js";
import { reportCommand } from "./report.js";
import { serveCommand } from "./serve.js";

const program = new Command()
  .name("peacetrack")
  .description(
    "Peacetrack: agreements, commitments, implementation and incidents of a peace process.\n" +
      "Uses the embedded database in ./data (PEACETRACK_DATA) or PostgreSQL when DATABASE_URL is set.",
  )
  .version(packageVersion);

program
  .command("serve")
  .description("migrate, load the demo data on first start, and serve the API and web app")
  .option("-p, --port <port>", "port to listen on (default: PORT or 3000)")
  .option(
    "--host <host>",
    "address to listen on (0.0.0.0 for every interface: see the README before exposing it)",
    process.env.HOST ?? "127.0.0.1",
  )
  .option("--no-demo", "do not load the demo data into an empty database")
  .option("--build-web", "first build the web app if its sources changed since its last build (npm start)")
  .action(serveCommand);

program
  .command("migrate")
  .description("apply database migrations that are not applied yet")
  .action(migrateCommand);

program
  .command("seed")
  .description("load a data folder (default: the demo data); records already present are left as they are")
  .option("-d, --dir <folder>", "data folder with one YAML file per kind of record")
  .action(seedCommand);

program
  .command("export")
  .description("write every record as JSON (every review state: a backup; --public for what the public sees)")
  .option("-o, --out <file>", "file to write (default: standard output)")
  .option("--public", "only what the public may read: published and disputed records")
  .action(exportCommand);

program
  .command("licences")
  .description(
    "list the licences of imported data and what public outputs do with their rows; " +
      "`licences set ID include|count_only|exclude` changes that",
  )
  .argument("[action]", "set (default: list)")
  .argument("[id]", "licence id, e.g. acled")
  .argument("[use]", "include, count_only or exclude")
  .action(licencesCommand);

registerImportCommand(program);
registerIngestCommand(program);
registerFeedsCommand(program);
registerAdminCommand(program);

program
  .command("report")
  .description("write the implementation report as of a date (HTML, or PDF where Chromium is installed)")
  .option("--as-of <date>", "YYYY-MM-DD (default: today)")
  .option("--since <date>", "also show what changed since this date")
  .option("--format <format>", "html or pdf", "html")
  .option("--process <id>", "process id (default: the first)")
  .option("-o, --out <file>", "file to write (default: peacetrack-report-<date>.<format>)")
  .option(
    "--include-unpublished",
    "also drafts and records under review (an internal report, not for handing out)",
  )
  .action(reportCommand);

try {
  await program.parseAsync();
} catch (error) {
  console.error(`peacetrack: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
