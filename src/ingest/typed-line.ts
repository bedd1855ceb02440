import {
  getVariableValues,
  locatedError,
  parse,
  type GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type VariableDefinitionNode,
} from 'graphql';
import { IngestArticleInput } from '../articles/article.inputs';
import { validateInputObject } from '../common/validation';
import { SourceInput } from '../sources/source.inputs';

/** The mutation each line goes through when it is ingested line by line. */
export const INGEST = `mutation BulkIngestArticle($input: IngestArticleInput!) { ingestArticle(input: $input) { created article { id } } }`;

// Parsed on first use, not on import: loading the server runs no GraphQL (nor, traced, gives a span).
let variables: readonly VariableDefinitionNode[] | undefined;

/**
 * A line's value as the ingestArticle resolver receives it, checked as the mutation checks it,
 * without running the mutation: graphql-js coerces the variable (the same function, so the same
 * errors), type-graphql's way of making input instances is repeated, and the schema's
 * validateFn runs on the result. Otherwise the first error the mutation would answer, as
 * graphql-js reports it (a validation error located at the ingestArticle field).
 */
export async function typedLine(schema: GraphQLSchema, value: unknown): Promise<{ input: IngestArticleInput } | { error: GraphQLError }> {
  // graphql-js's execute coerces variables with the same limit.
  variables ??= (parse(INGEST).definitions[0] as OperationDefinitionNode).variableDefinitions ?? [];
  const coerced = getVariableValues(schema, variables, { input: value }, { maxErrors: 50 });
  if (coerced.errors !== undefined) return { error: coerced.errors[0] };
  const raw = coerced.coerced.input as Record<string, unknown>;
  const input = instanceOf(IngestArticleInput, { ...raw, source: instanceOf(SourceInput, raw.source as Record<string, unknown>) });
  try {
    await validateInputObject(input, 'input');
  } catch (error) {
    return { error: locatedError(error, undefined, ['ingestArticle']) };
  }
  return { input };
}

/** What type-graphql's convertToType makes of an input object: an instance holding exactly the given fields. */
function instanceOf<T extends object>(Target: new () => T, data: Record<string, unknown>): T {
  const instance = new Target() as Record<string, unknown>;
  for (const key of Object.keys(instance)) if (instance[key] === undefined && !(key in data)) delete instance[key];
  return Object.assign(instance, data) as T;
}
