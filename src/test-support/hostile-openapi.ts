/**
 * The routes of the OpenAPI document, for the hostile-input tests (src/api/hostile*.test.ts): every
 * operation with its path parameters, query parameters and JSON request-body schema, $refs inlined.
 * Nothing here knows a kind of record by name, so new routes and kinds are covered without edits.
 */

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
}

export interface QueryParam {
  name: string;
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** The OpenAPI path template, e.g. /api/places/{id}. */
  template: string;
  pathParams: string[];
  query: QueryParam[];
  body?: JsonSchema;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: unknown[]; requestBody?: unknown }>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export function resolveSchema(schema: JsonSchema | undefined, spec: OpenApiDocument): JsonSchema {
  let current = schema ?? {};
  for (let i = 0; current.$ref && i < 20; i++)
    current = spec.components?.schemas?.[current.$ref.replace("#/components/schemas/", "")] ?? {};
  return current;
}

/** Inlines every $ref, so the generators need no document beside the schema. */
function inline(schema: unknown, spec: OpenApiDocument, depth = 0): JsonSchema {
  if (depth > 30 || schema === null || typeof schema !== "object") return {};
  const resolved = resolveSchema(schema as JsonSchema, spec) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(resolved)) {
    if (key === "properties" && value && typeof value === "object")
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [name, inline(sub, spec, depth + 1)]),
      );
    else if ((key === "items" || key === "additionalProperties") && value && typeof value === "object")
      out[key] = inline(value, spec, depth + 1);
    else if ((key === "anyOf" || key === "oneOf" || key === "allOf") && Array.isArray(value))
      out[key] = value.map((sub) => inline(sub, spec, depth + 1));
    else out[key] = value;
  }
  return out as JsonSchema;
}

/** Every operation of the document, with its query parameters and JSON request-body schema. */
export function operationsOf(spec: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!["get", "post", "patch", "put", "delete"].includes(method)) continue;
      const parameters = (op.parameters ?? []) as {
        name: string;
        in: string;
        required?: boolean;
        schema?: JsonSchema;
      }[];
      const content = (op.requestBody as { content?: Record<string, { schema?: JsonSchema }> } | undefined)
        ?.content;
      const bodySchema = content?.["application/json"]?.schema;
      operations.push({
        method: method.toUpperCase() as Operation["method"],
        template,
        pathParams: [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string),
        query: parameters
          .filter((p) => p.in === "query")
          .map((p) => ({ name: p.name, required: p.required === true, schema: inline(p.schema, spec) })),
        body: bodySchema ? inline(bodySchema, spec) : undefined,
      });
    }
  }
  return operations;
}

/** The collection a path belongs to: /api/places/{id}/x → /api/places. */
export const collectionOf = (template: string) => template.split("/{")[0] as string;
