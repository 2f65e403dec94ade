import { writeFileSync } from "node:fs";
import { buildReportModel } from "../services/report/build.js";
import { closePdfRenderer, htmlToPdf, PdfUnavailableError, pdfAvailable } from "../services/report/pdf.js";
import { renderReportHtml } from "../services/report/render.js";
import { repositories } from "../store/repository.js";
import { openMigrated, say } from "./database.js";
import { readerFor } from "./readers.js";

interface ReportOptions {
  asOf?: string;
  since?: string;
  format: string;
  process?: string;
  out?: string;
  includeUnpublished?: boolean;
}

export async function reportCommand(options: ReportOptions) {
  if (options.format !== "html" && options.format !== "pdf")
    throw new Error(`--format is html or pdf, not "${options.format}".`);
  if (options.format === "pdf" && !pdfAvailable()) throw new PdfUnavailableError();
  const database = await openMigrated();
  const readAs = readerFor(options.includeUnpublished !== true);
  try {
    const processId =
      options.process ?? (await repositories.processes.list(database.db, { limit: 1, readAs })).items[0]?.id;
    if (!processId) throw new Error("The database holds no process: run `peacetrack seed` first.");
    say(`Building the report for ${processId} as of ${options.asOf ?? "today"}…`);
    const html = renderReportHtml(
      await buildReportModel(database.db, {
        processId,
        asOf: options.asOf,
        since: options.since,
        // A report written to a file is made to be handed out: it holds what the public may read,
        // unless asked for an internal one.
        readAs,
      }),
    );
    const out =
      options.out ??
      `peacetrack-report-${options.asOf ?? new Date().toISOString().slice(0, 10)}.${options.format}`;
    if (options.format === "html") writeFileSync(out, html);
    else {
      say("Printing to PDF with Chromium…");
      writeFileSync(out, await htmlToPdf(html));
    }
    say(`Wrote ${out}`);
  } finally {
    await closePdfRenderer();
    await database.close();
  }
}
