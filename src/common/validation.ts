import { getNamedType } from 'graphql';
import { validate, type ValidationError } from 'class-validator';
import type { ResolverData } from 'type-graphql';
import { badInput } from './errors';

/**
 * type-graphql's validation hook: runs class-validator on each input object and refuses the
 * first problem with BAD_USER_INPUT, naming the field by its path from the argument
 * ("input.source.domain"), the same way services name fields.
 */
export async function validateArgument(argValue: unknown, argType: unknown, resolverData: ResolverData<object>): Promise<void> {
  if (argValue === null || typeof argValue !== 'object') return;
  const argName = argumentName(argType, resolverData);
  const items: Array<[string, object]> = Array.isArray(argValue)
    ? argValue.map((item, index) => [`${argName}[${index}]`, item as object])
    : [[argName, argValue]];
  for (const [path, item] of items) {
    if (item === null || typeof item !== 'object') continue;
    const type = typeof argType === 'function' && item instanceof argType ? argType : undefined;
    const key = type === undefined ? undefined : flatValuesKey(item);
    if (type !== undefined && key !== undefined && passed.get(type)?.has(key) === true) continue;
    await validateInputObject(item, path);
    if (type !== undefined && key !== undefined) rememberPassed(type, key);
  }
}

/** class-validator over one input object, named `path` ("input"): its first problem refused with BAD_USER_INPUT. */
export async function validateInputObject(item: object, path: string): Promise<void> {
  const errors = await validate(item, { forbidUnknownValues: false });
  if (errors.length > 0) {
    const [field, problem] = firstProblem(errors, path);
    throw badInput(field, `Invalid ${field}: ${problem}`);
  }
}

/**
 * Flat argument objects (short scalars only) that passed, by class: validation depends on the
 * class and the values alone, so the same page arguments on every item of a list (a nested
 * field's `first`, or none at all) are validated once, not once per parent row.
 */
const passed = new WeakMap<object, Set<string>>();
const MAX_PASSED_PER_CLASS = 256;
const MAX_KEYED_STRING = 64;

function flatValuesKey(item: object): string | undefined {
  let key = '';
  for (const [name, value] of Object.entries(item)) {
    if (value === undefined) key += `${name}=~;`;
    else if (value === null || typeof value === 'number' || typeof value === 'boolean') key += `${name}=${String(value)};`;
    else if (typeof value === 'string' && value.length <= MAX_KEYED_STRING) key += `${name}=${JSON.stringify(value)};`;
    else return undefined;
  }
  return key;
}

function rememberPassed(type: object, key: string): void {
  let keys = passed.get(type);
  if (keys === undefined) passed.set(type, (keys = new Set()));
  if (keys.size >= MAX_PASSED_PER_CLASS) keys.clear();
  keys.add(key);
}

/** The name of the argument of this input type (`@Args` classes have none: their fields are arguments). */
function argumentName(argType: unknown, { info }: ResolverData<object>): string {
  const typeName = typeof argType === 'function' ? argType.name : undefined;
  const field = info.parentType.getFields()[info.fieldName];
  return field?.args.find((arg) => getNamedType(arg.type).name === typeName)?.name ?? '';
}

function firstProblem(errors: ValidationError[], parent: string): [string, string] {
  const error = errors[0];
  if (error === undefined) return [parent || 'input', 'is invalid'];
  // Array items (nested inputs) read as `input.aliases[0].language`, as services name them.
  const field = /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property;
  if (error.constraints !== undefined) return [field, Object.values(error.constraints).join('; ')];
  return firstProblem(error.children ?? [], field);
}
