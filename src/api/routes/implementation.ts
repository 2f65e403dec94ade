import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { Id, IsoDate } from "../../domain/common.js";
import { complianceIndex } from "../../services/compliance.js";
import { agreementImplementation, commitmentDetail, partyScorecard } from "../../services/implementation.js";
import { buildReportModel } from "../../services/report/build.js";
import { closePdfRenderer, htmlToPdf } from "../../services/report/pdf.js";
import { renderReportHtml, reportContentSecurityPolicy } from "../../services/report/render.js";
import type { Db } from "../../store/database.js";
import { errorResponses } from "../errors.js";

const IdParams = z.object({ id: Id });
const LevelValue = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).nullable();
const ComplianceGroup = z.object({
  key: z.string(),
  index: z.number().nullable().describe("0–100; null when no obligation in the group is scored"),
  pairs: z.number(),
  assessed: z.number(),
  notApplicable: z.number(),
  unassessed: z.number(),
  overdue: z.number(),
  pastDueUnassessed: z.number().describe("deadline passed, not yet assessed (not called overdue)"),
  reversals: z.number(),
  levelCounts: z.object({ 0: z.number(), 1: z.number(), 2: z.number(), 3: z.number() }),
  overdueItems: z.array(
    z.object({
      commitmentId: z.string(),
      partyId: z.string(),
      dueDate: z.string(),
      currentLevel: LevelValue,
    }),
  ),
});
const ComplianceResult = z.object({
  processId: z.string(),
  asOf: z.string(),
  groupBy: z.enum(["party", "category", "agreement", "process"]),
  groups: z.array(ComplianceGroup),
  method: z.string(),
});
const AsOf = z.object({ asOf: IsoDate.optional().describe("YYYY-MM-DD, default today; not in the future") });

/** Implementation: the compliance index, the pages' composite reads, and the report. */
export function registerImplementationRoutes(app: FastifyInstance, db: Db) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  // The PDF browser is shared by the whole process; without this it would keep the process alive.
  app.addHook("onClose", closePdfRenderer);
  api.get(
    "/api/compliance",
    {
      schema: {
        tags: ["compliance"],
        summary: "The compliance index as of a date, grouped by party, category, agreement or process",
        querystring: z.object({
          process: Id.describe("process id"),
          party: Id.optional().describe("only obligations of this party"),
          asOf: IsoDate.optional(),
          groupBy: z.enum(["party", "category", "agreement", "process"]).default("party"),
        }),
        response: { 200: ComplianceResult, ...errorResponses },
      },
    },
    async (request) =>
      complianceIndex(db, request.actor, {
        processId: request.query.process,
        partyId: request.query.party,
        asOf: request.query.asOf,
        groupBy: request.query.groupBy,
      }),
  );
  api.get(
    "/api/agreements/:id/implementation",
    {
      schema: {
        tags: ["agreements"],
        summary: "Each commitment's level per obligor, with history",
        params: IdParams,
        querystring: AsOf,
      },
    },
    async (request) => agreementImplementation(db, request.actor, request.params.id, request.query.asOf),
  );
  api.get(
    "/api/commitments/:id",
    {
      schema: {
        tags: ["commitments"],
        summary:
          "A commitment with its provision, assessment timeline, levels per obligor and interpretations",
        params: IdParams,
        querystring: AsOf,
      },
    },
    async (request) => commitmentDetail(db, request.actor, request.params.id, request.query.asOf),
  );
  api.get(
    "/api/parties/:id/scorecard",
    {
      schema: {
        tags: ["parties"],
        summary: "A party's index over time, commitments owed, overdue list",
        params: IdParams,
        querystring: AsOf,
      },
    },
    async (request) => partyScorecard(db, request.actor, request.params.id, request.query.asOf),
  );
  api.get(
    "/api/reports/implementation",
    {
      // A PDF may wait its turn in the shared renderer's queue before its own 30 s render.
      handlerTimeout: 180_000,
      schema: {
        tags: ["reports"],
        summary: "The implementation report as of a date, as HTML or PDF",
        querystring: z.object({
          process: Id,
          asOf: IsoDate.optional(),
          since: IsoDate.optional().describe("show what changed since this date"),
          format: z.enum(["html", "pdf"]).default("html"),
        }),
        produces: ["text/html", "application/pdf"],
      },
    },
    async (request, reply) => {
      const { process, asOf, since, format } = request.query;
      const html = renderReportHtml(
        await buildReportModel(db, { processId: process, asOf, since, readAs: request.actor }),
      );
      if (format === "html")
        return reply
          .type("text/html; charset=utf-8")
          .header("content-security-policy", reportContentSecurityPolicy)
          .send(html);
      const pdf = await htmlToPdf(html);
      return reply
        .type("application/pdf")
        .header("content-disposition", `attachment; filename="peacetrack-report-${asOf ?? "today"}.pdf"`)
        .send(pdf);
    },
  );
}
