import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyReply, type FastifyRequest, type FastifyServerOptions } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { fromRoot } from "../project-root.js";
import type { Writer } from "../services/context.js";
import { startImportJobs } from "../services/import-jobs.js";
import { packageVersion } from "../services/version.js";
import { startWebhookDeliveries, type WebhookDeliveryOptions } from "../services/webhook-deliveries.js";
import type { Database } from "../store/database.js";
import { type AccountOptions, accountSettings, trustProxyFromEnv } from "./account-settings.js";
import { registerAuthentication, urlWithoutSecrets } from "./authentication.js";
import { handleError, handleNotFound } from "./errors.js";
import {
  clientErrorHandler,
  type RateLimitSetting,
  rateLimitFromEnv,
  registerHardening,
  serverLimits,
} from "./hardening.js";
import { mapTilesFromEnv } from "./map-config.js";
import { registerAccessRoutes } from "./routes/access.js";
import { registerAccountRoutes } from "./routes/accounts.js";
import { registerChangesRoutes } from "./routes/changes.js";
import { registerDocumentRoutes } from "./routes/documents.js";
import { registerExtractionRoutes } from "./routes/extraction.js";
import { registerFeedRoutes } from "./routes/feeds.js";
import { registerImplementationRoutes } from "./routes/implementation.js";
import { registerImportRoutes } from "./routes/imports.js";
import { registerIncidentRoutes } from "./routes/incidents.js";
import { registerMapRoutes } from "./routes/map.js";
import { registerNegotiationRoutes } from "./routes/negotiation.js";
import { registerNotificationRoutes } from "./routes/notifications.js";
import { registerPermissionRoutes } from "./routes/permissions.js";
import { registerPublicOutputRoutes } from "./routes/public-outputs.js";
import { registerReadingRoutes } from "./routes/reading.js";
import { registerRecordRoutes } from "./routes/records.js";
import { registerReplyRoutes } from "./routes/replies.js";
import { registerReviewQueueRoutes } from "./routes/review-queue.js";
import { registerSaysAndDoesRoutes } from "./routes/says-and-does.js";
import { registerSearchRoutes } from "./routes/search.js";
import { registerSessionRoutes } from "./routes/session.js";
import { registerWebhookRoutes } from "./routes/webhooks.js";

export const defaultWebFolder = fromRoot("dist/web");

/**
 * The build names every file under /assets by a hash of its content, so a browser may keep those for
 * a year without asking again; index.html names the current ones and is revalidated on every visit.
 * The build writes .br and .gz copies beside each file (src/web/build/precompress.ts): they are sent
 * as they are to a browser that accepts them, with no compression per request.
 */
function webCaching(webFolder: string) {
  return {
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply: FastifyReply, path: string) => {
      const hashed = relative(webFolder, path).split(sep)[0] === "assets";
      reply.header("cache-control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
    },
  };
}

export type RequestActor = (request: FastifyRequest) => Writer;

export interface ServerOptions {
  database: Database;
  /** The built web app; the server answers API requests only where it is missing. */
  webFolder?: string;
  /** Structured request logs (pino): off, on at a level, or into a given stream (tests read it). */
  logger?: boolean | { level?: string; stream?: NodeJS.WritableStream };
  /** Requests per client per minute; false turns the limit off. Default: PEACETRACK_RATE_LIMIT or 600. */
  rateLimit?: RateLimitSetting | false;
  /** Where uploaded files wait for their import; default beside the embedded database, or PEACETRACK_UPLOADS. */
  uploadsFolder?: string;
  /** Sessions, the login limit, Secure cookies (src/api/account-settings.ts); default: from the environment. */
  accounts?: AccountOptions;
  /** Whose X-Forwarded-* to believe (Fastify's trustProxy). Default: PEACETRACK_TRUST_PROXY, else none. */
  trustProxy?: FastifyServerOptions["trustProxy"];
  /** A secret the CLI presents to hand an import to this server (src/cli/server-handoff.ts); none: no hand-off. */
  handoffSecret?: string;
  /** The webhook delivery worker's settings (tests shorten the backoff); false: no worker in this process. */
  webhookDeliveries?: WebhookDeliveryOptions | false;
}

function defaultUploadsFolder(database: Database): string {
  if (process.env.PEACETRACK_UPLOADS) return process.env.PEACETRACK_UPLOADS;
  if (database.kind === "pglite" && !database.location.startsWith("memory://"))
    return join(database.location, "uploads");
  return join(tmpdir(), `peacetrack-uploads-${process.pid}`);
}

function loggerOptions(logger: ServerOptions["logger"]): FastifyServerOptions["logger"] {
  if (!logger) return false;
  const options = logger === true ? {} : logger;
  return {
    level: options.level ?? process.env.LOG_LEVEL ?? "info",
    ...(options.stream ? { stream: options.stream } : {}),
    redact: ["req.headers.authorization", "req.headers.cookie"],
    serializers: {
      // Fastify's own request serializer, with secrets in the path (invitation links) replaced.
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: urlWithoutSecrets(request.url),
        version: request.headers?.["accept-version"] as string | undefined,
        host: request.host,
        remoteAddress: request.ip,
        remotePort: request.socket?.remotePort,
      }),
    },
  };
}

/** Every use case acts as the request's actor; the policy refuses the public's writes (401). */
const apiActor: RequestActor = (request) => request.actor;

export async function buildServer({
  database,
  webFolder = defaultWebFolder,
  logger = false,
  rateLimit = rateLimitFromEnv(),
  uploadsFolder,
  accounts,
  trustProxy = trustProxyFromEnv(),
  handoffSecret,
  webhookDeliveries = {},
}: ServerOptions) {
  const app = Fastify({
    ...serverLimits,
    logger: loggerOptions(logger),
    genReqId: () => randomUUID(),
    // A request id from outside is not trusted: ours is echoed in x-request-id and logged.
    requestIdHeader: false,
    trustProxy,
    clientErrorHandler,
    frameworkErrors: (error, request, reply) => handleError(error, request, reply),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  await registerHardening(app, rateLimit);
  const accountConfig = accountSettings(accounts);
  await registerAuthentication(app, database.db, accountConfig, handoffSecret);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Peacetrack API",
        version: packageVersion,
        description:
          "Agreements, commitments, assessments, incidents and sources of a peace process. Every list is cursor-paginated; every error is { error: { code, message, details } }.",
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  registerReadingRoutes(app, database, packageVersion);
  registerNegotiationRoutes(app, database.db);
  registerImplementationRoutes(app, database.db);
  registerIncidentRoutes(app, database.db);
  registerAccessRoutes(app, database.db);
  registerMapRoutes(app, database.db, mapTilesFromEnv());
  registerRecordRoutes(
    app,
    database.db,
    apiActor,
    ["agreements", "meetings", "formats", "commitments", "documents"],
    ["incidents"],
    ["documents"],
  );
  registerDocumentRoutes(app, database.db);
  registerFeedRoutes(app, database.db);
  registerExtractionRoutes(app, database.db);
  registerReplyRoutes(app, database.db);
  registerPublicOutputRoutes(app, database.db);
  registerChangesRoutes(app, database.db);
  registerSearchRoutes(app, database.db);
  registerSaysAndDoesRoutes(app, database.db);
  registerSessionRoutes(app, database.db, accountConfig);
  registerPermissionRoutes(app);
  registerReviewQueueRoutes(app, database.db);
  registerAccountRoutes(app, database.db, accountConfig);
  const jobs = startImportJobs(database.db, {
    uploadsFolder: uploadsFolder ?? defaultUploadsFolder(database),
    log: (message, error) => (error ? app.log.error({ err: error }, message) : app.log.info(message)),
  });
  app.addHook("onClose", () => jobs.close());
  registerImportRoutes(app, database.db, jobs);
  registerNotificationRoutes(app, database.db);
  registerWebhookRoutes(app, database.db);
  if (webhookDeliveries !== false) {
    const deliveries = startWebhookDeliveries(database.db, {
      log: (message, error) => (error ? app.log.error({ err: error }, message) : app.log.info(message)),
      ...webhookDeliveries,
    });
    app.addHook("onClose", () => deliveries.close());
  }

  const hasWeb = existsSync(join(webFolder, "index.html"));
  if (hasWeb)
    await app.register(fastifyStatic, { root: webFolder, wildcard: false, ...webCaching(webFolder) });
  app.setNotFoundHandler((request, reply) => {
    // The web app routes in the browser: any page address that is not an API or asset gets its shell.
    const isPage =
      request.method === "GET" && !request.url.startsWith("/api") && !/\.[a-z0-9]+($|\?)/i.test(request.url);
    if (hasWeb && isPage) return reply.type("text/html").sendFile("index.html");
    return handleNotFound(request, reply);
  });
  return app;
}
