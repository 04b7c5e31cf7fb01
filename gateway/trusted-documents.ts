import { createHash } from "node:crypto";
import fs from "node:fs";

/**
 * Trusted documents for partner software (issue 12): an application registers the operations it
 * uses, by the SHA-256 of their text, and then sends the hash in place of the document, as a
 * GraphQL-over-HTTP `documentId` ("sha256:<hex>" or "<hex>") or as Apollo's
 * `extensions.persistedQuery.sha256Hash`. An application marked `restricted` may run nothing else.
 *
 * DESIGN CHOICE: the registry is a manifest file in the gateway's configuration
 * (`GATEWAY_TRUSTED_DOCUMENTS`), the partner's manifest being reviewed and deployed by the FOCBS
 * onboarding service as an ePortal API subscription is; it is re-read when it changes. Each
 * operation is Apollo's persisted-query manifest entry `{ id, name, type, body }`, the id being the
 * SHA-256 of the body, checked on load. Apollo Server's automatic persisted queries stay off: a
 * hash registered by anyone would otherwise let any caller run a document that only passed
 * someone else's limits.
 *
 * {
 *   "applications": {
 *     "<ApiApplication id>": { "restricted": true, "operations": [{ "id": "<sha256>", "name": "Mine", "type": "query", "body": "query Mine { ... }" }] }
 *   }
 * }
 */

export interface RegisteredOperation {
  id: string;
  name?: string;
  type?: string;
  body: string;
}

interface ApplicationDocuments {
  restricted: boolean;
  byHash: Map<string, RegisteredOperation>;
}

export class TrustedDocumentError extends Error {
  constructor(
    readonly status: number,
    readonly code: "PERSISTED_DOCUMENT_NOT_FOUND" | "PERSISTED_DOCUMENT_REQUIRED" | "PERSISTED_DOCUMENT_MISMATCH",
    message: string,
  ) {
    super(message);
  }
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export class TrustedDocuments {
  private applications = new Map<string, ApplicationDocuments>();
  private loadedMtimeMs = -1;
  private checkedAt = 0;

  private constructor(private readonly file: string | undefined) {}

  /** Reads `file` now (a broken manifest stops the gateway from starting) and again whenever it changes. */
  static fromFile(file: string | undefined): TrustedDocuments {
    const registry = new TrustedDocuments(file);
    registry.refresh(true);
    return registry;
  }

  /**
   * The document text to run for an application's request, or undefined to run the text it sent.
   * `hash` is what the request named in place of (or beside) the document.
   */
  resolve(applicationId: string | undefined, hash: string | undefined, query: string | undefined): string | undefined {
    this.refresh(false);
    const registered = applicationId ? this.applications.get(applicationId) : undefined;
    if (hash === undefined) {
      if (registered?.restricted) {
        throw new TrustedDocumentError(403, "PERSISTED_DOCUMENT_REQUIRED", "This application may run only its registered operations: send the document's id (its SHA-256) instead of its text.");
      }
      return undefined;
    }
    const operation = registered?.byHash.get(hash.toLowerCase());
    if (!operation) throw new TrustedDocumentError(400, "PERSISTED_DOCUMENT_NOT_FOUND", `No operation with id ${hash} is registered for this caller.`);
    if (query !== undefined && query !== operation.body) {
      throw new TrustedDocumentError(400, "PERSISTED_DOCUMENT_MISMATCH", "The document sent is not the registered document with that id.");
    }
    return operation.body;
  }

  private refresh(initial: boolean): void {
    if (!this.file) return;
    const now = Date.now();
    if (!initial && now - this.checkedAt < 1000) return;
    this.checkedAt = now;
    let mtimeMs: number;
    try {
      mtimeMs = fs.statSync(this.file).mtimeMs;
    } catch (error) {
      if (initial) throw new Error(`GATEWAY_TRUSTED_DOCUMENTS: cannot read ${this.file}: ${(error as Error).message}`);
      return;
    }
    if (mtimeMs === this.loadedMtimeMs) return;
    try {
      this.applications = parseManifest(fs.readFileSync(this.file, "utf8"), this.file);
      this.loadedMtimeMs = mtimeMs;
    } catch (error) {
      // A broken edit keeps the last good registry in force.
      if (initial) throw error;
    }
  }
}

function parseManifest(text: string, file: string): Map<string, ApplicationDocuments> {
  const raw = JSON.parse(text) as { applications?: Record<string, { restricted?: unknown; operations?: unknown }> };
  if (typeof raw?.applications !== "object" || raw.applications === null) throw new Error(`${file}: "applications" is missing`);
  const applications = new Map<string, ApplicationDocuments>();
  for (const [applicationId, entry] of Object.entries(raw.applications)) {
    if (!Array.isArray(entry?.operations)) throw new Error(`${file}: applications.${applicationId}.operations must be a list`);
    const byHash = new Map<string, RegisteredOperation>();
    for (const operation of entry.operations as RegisteredOperation[]) {
      if (typeof operation?.body !== "string" || typeof operation.id !== "string") throw new Error(`${file}: every operation of ${applicationId} needs an id and a body`);
      if (sha256Hex(operation.body) !== operation.id.toLowerCase()) throw new Error(`${file}: operation ${operation.name ?? operation.id} of ${applicationId}: id is not the SHA-256 of its body`);
      byHash.set(operation.id.toLowerCase(), operation);
    }
    applications.set(applicationId, { restricted: entry.restricted === true, byHash });
  }
  return applications;
}
