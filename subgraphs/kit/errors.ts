import { GraphQLError } from "graphql";

/**
 * Client-facing errors carry a stable `extensions.code`, and, where a rule of
 * ../shared/domain/DOMAIN.md refused the input, the rule id and its article, and the input field
 * at fault. Anything that is not a `DomainError` (or a GraphQL validation error) is an
 * unexpected fault and is masked by the server (see `maskUnexpectedError`).
 */
export interface DomainErrorDetails {
  /** The rule that refused the request, e.g. `ID-R21`. */
  rule?: string;
  /** Where the rule comes from, e.g. `ePortal step 5` or `OD-AFD art. 8 para. 6`. */
  article?: string;
  /** The input field at fault, as a path, e.g. `input.code`. */
  field?: string;
  /** Further machine-readable facts (a deadline, the missing conditions, ...). */
  [key: string]: unknown;
}

export class DomainError extends GraphQLError {
  readonly code: string;

  constructor(code: string, message: string, details: DomainErrorDetails = {}) {
    super(message, { extensions: { code, ...details } });
    this.code = code;
    this.name = "DomainError";
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, id: string, field?: string) {
    super("NOT_FOUND", `${entity} ${id} was not found.`, { entity, id, field });
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = "You may not see or change this.", details: DomainErrorDetails = {}) {
    super("FORBIDDEN", message, details);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = "Authentication is required.", details: DomainErrorDetails = {}) {
    super("UNAUTHENTICATED", message, details);
  }
}

export class ValidationError extends DomainError {
  constructor(message: string, details: DomainErrorDetails = {}) {
    super("BAD_USER_INPUT", message, details);
  }
}

/**
 * Apollo Server `formatError`: domain and GraphQL errors pass through; type-graphql's argument
 * validation becomes `BAD_USER_INPUT` with the fields at fault; everything else is masked to
 * `INTERNAL_SERVER_ERROR` (and logged by the caller).
 */
export function formatError(
  formatted: { message: string; extensions?: Record<string, unknown>; path?: ReadonlyArray<string | number>; locations?: unknown },
  error: unknown,
  onUnexpected: (error: unknown) => void,
): Record<string, unknown> {
  const original = unwrap(error);
  if (original instanceof DomainError) return formatted as Record<string, unknown>;
  const validationErrors = ((original as { extensions?: { validationErrors?: unknown } })?.extensions?.validationErrors ??
    (original as { validationErrors?: unknown })?.validationErrors) as ClassValidatorError[] | undefined;
  if (Array.isArray(validationErrors)) {
    const fields = flattenValidation(validationErrors);
    return {
      message: fields.length ? `Invalid input: ${fields.map(f => `${f.field} (${f.problems.join("; ")})`).join(", ")}` : formatted.message,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: "BAD_USER_INPUT", field: fields[0]?.field, fields },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === "string" && code !== "INTERNAL_SERVER_ERROR") return formatted as Record<string, unknown>;
  onUnexpected(original);
  return { message: "Internal server error", path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
}

interface ClassValidatorError {
  property: string;
  constraints?: Record<string, string>;
  children?: ClassValidatorError[];
}

/** class-validator nests errors of nested inputs; report each as a dotted path (`address.country`). */
function flattenValidation(errors: ClassValidatorError[], prefix = ""): { field: string; problems: string[] }[] {
  return errors.flatMap(e => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...flattenValidation(e.children ?? [], field)];
  });
}

/** The error a resolver threw, under the GraphQLError wrappers that execution adds. */
export function unwrap(error: unknown): unknown {
  let current = error as { originalError?: unknown } | undefined;
  while (current && current.originalError && current.originalError !== current) {
    current = current.originalError as { originalError?: unknown };
  }
  return current;
}

/**
 * Dates a rule allows (issue 7: no deadline in the past, no extension before the deadline it
 * extends). Both throw BAD_USER_INPUT naming the field, the rule and its article.
 */
export function requireFutureDate(value: Date | null | undefined, now: Date, details: DomainErrorDetails & { field: string }): void {
  if (value && value.getTime() <= now.getTime()) {
    throw new ValidationError(`${details.field} (${value.toISOString()}) lies in the past: a deadline or start is set in the future.`, { ...details, reason: "DATE_IN_THE_PAST" });
  }
}

export function requireLaterDate(value: Date, bound: Date, details: DomainErrorDetails & { field: string }): void {
  if (value.getTime() <= bound.getTime()) {
    throw new ValidationError(`${details.field} (${value.toISOString()}) must be later than ${bound.toISOString()}.`, { ...details, reason: "NOT_LATER_THAN_CURRENT", current: bound.toISOString() });
  }
}
