import { z } from 'zod';

// Just enough of OpenAPI 3.1 to keep the document's shape honest, and the zod → JSON Schema and
// `$ref` helpers the request bodies, the responses and the paths all build with.

export type JsonSchema = { [keyword: string]: unknown };
export type Ref = { $ref: string };

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface OpenApiOperation {
  tags: string[];
  summary: string;
  description?: string;
  operationId: string;
  security: Record<string, string[]>[];
  parameters?: OpenApiParameter[];
  requestBody?: {
    required: boolean;
    description?: string;
    content: Record<string, { schema: JsonSchema | Ref; examples?: Record<string, OpenApiExample> }>;
  };
  responses: Record<string, OpenApiResponse | Ref>;
}

export interface OpenApiExample {
  summary: string;
  description?: string;
  value: unknown;
}

export interface OpenApiResponse {
  description: string;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
  content?: Record<string, { schema: JsonSchema | Ref; examples?: Record<string, OpenApiExample> }>;
}

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type OpenApiPathItem = Partial<Record<HttpMethod, OpenApiOperation>>;
/** Path templates (`/api/cases/{id}`) to their operations. */
export type OpenApiPaths = Record<string, OpenApiPathItem>;

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: { url: string; description: string }[];
  tags: { name: string; description: string }[];
  paths: OpenApiPaths;
  components: {
    securitySchemes: Record<string, JsonSchema>;
    schemas: Record<string, JsonSchema>;
    responses: Record<string, OpenApiResponse>;
  };
}

/**
 * More paths for the document, e.g. the console's `/login` and `/logout` once they are to be
 * described: `buildOpenApiDocument({ extraPaths: [consolePaths()] })`. Their schemas go in
 * `schemas` (component name → JSON Schema) so `$ref`s between them resolve.
 */
export interface OpenApiPathSource {
  paths: OpenApiPaths;
  schemas?: Record<string, JsonSchema>;
  tags?: { name: string; description: string }[];
}

// zod → JSON Schema

/** The JSON Schema (2020-12, the dialect of OpenAPI 3.1) of what a client sends. */
export function inputJsonSchema(schema: z.ZodType): JsonSchema {
  const generated = z.toJSONSchema(schema, {
    io: 'input',
    target: 'draft-2020-12',
    // A refinement or transform has no JSON Schema: document the input and let the API say more.
    unrepresentable: 'any',
  }) as JsonSchema;
  const { $schema: _dialect, ...rest } = generated;
  return titleUnionBranches(rest);
}

/**
 * Names each branch of a discriminated union (`decision: accept`, `reason: fraud`…) so Swagger
 * UI lists them by what they mean rather than as "object 1, object 2".
 */
function titleUnionBranches(schema: JsonSchema): JsonSchema {
  const branches = (schema.oneOf ?? schema.anyOf) as JsonSchema[] | undefined;
  if (!branches) return schema;
  for (const branch of branches) {
    if (branch.title) continue;
    const properties = (branch.properties ?? {}) as Record<string, JsonSchema>;
    const tag = Object.entries(properties).find(([, p]) => typeof p.const === 'string');
    if (tag) branch.title = `${tag[0]}: ${String(tag[1].const)}`;
  }
  return schema;
}

/**
 * The path, query or header parameters of an object schema, one per property. A path parameter
 * is always required; `described` adds a sentence for a parameter's reader.
 */
export function parametersOf<S extends z.ZodObject>(
  schema: S,
  where: OpenApiParameter['in'],
  described: Partial<Record<keyof z.input<S> & string, string>> = {},
): OpenApiParameter[] {
  const json = inputJsonSchema(schema);
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const description = (described as Record<string, string | undefined>)[name];
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(description && { description }),
      schema: property,
    };
  });
}

export const ref = (component: string): Ref => ({ $ref: `#/components/schemas/${component}` });
export const response = (name: string): Ref => ({ $ref: `#/components/responses/${name}` });
export const json = (schema: JsonSchema | Ref, examples?: Record<string, OpenApiExample>) => ({
  'application/json': { schema, ...(examples && { examples }) },
});

/** A required JSON request body, documented by its zod schema, with one named example. */
export function exampleBody(schema: z.ZodType, summary: string, example: unknown) {
  return {
    required: true,
    content: json(inputJsonSchema(schema), { example: { summary, value: example } }),
  };
}

/** An answer whose JSON is an object the description explains. */
export const objectAnswer = (description: string) => ({ description, content: json({ type: 'object' }) });
