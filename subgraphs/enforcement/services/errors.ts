import { DomainError, DomainErrorDetails } from "../../kit";

/** Refusals of the enforcement subgraph: a stable code, the rule and its article. */
export function refused(code: string, message: string, details: DomainErrorDetails = {}): DomainError {
  return new DomainError(code, message, details);
}
