import fs from "node:fs";
import path from "node:path";
import { buildCatalogue, CATALOGUE_FILE, describeDiff, renderCatalogue, ROOT, sourceFiles } from "./error-codes";

// docs/error-codes.md is what clients read to handle our refusals: it must list every code the
// sources throw, and be the file the generator writes from them now.
const catalogue = buildCatalogue(ROOT);
const rendered = renderCatalogue(catalogue.entries);
const byCode = new Map(catalogue.entries.map(e => [e.code, e]));

describe("docs/error-codes.md", () => {
  it("is the checked-in file (stale: run `npm run errors:catalogue` and commit docs/)", () => {
    const file = path.join(ROOT, CATALOGUE_FILE);
    if (!fs.existsSync(file)) throw new Error(`${CATALOGUE_FILE} is missing: run \`npm run errors:catalogue\` and commit docs/`);
    const checkedIn = fs.readFileSync(file, "utf8");
    if (checkedIn !== rendered) {
      const diff = describeDiff(checkedIn, rendered);
      throw new Error(`${CATALOGUE_FILE} is stale: run \`npm run errors:catalogue\` and commit docs/.\n${diff.slice(0, 30).join("\n")}`);
    }
  });

  it("prints the same bytes twice, with a banner and one row per code", () => {
    expect(renderCatalogue(buildCatalogue(ROOT).entries)).toBe(rendered);
    expect(rendered.split("\n")[0]).toContain("scripts/error-codes.ts");
    const rows = rendered.split("\n").filter(l => l.startsWith("| `"));
    expect(rows).toHaveLength(catalogue.entries.length);
    expect(catalogue.entries.map(e => e.code)).toEqual([...byCode.keys()].sort());
  });

  it("misses no code that a plain text search finds thrown", () => {
    // Independent of the parser: a quoted code as the first argument (or the second, after an
    // HTTP status) of a refusal helper or an error class, on a line that throws or refuses.
    const thrown = /\b(\w*(?:refus\w*|Error))\(\s*(?:\d+,\s*)?"([A-Z][A-Z0-9_]{2,})"/g;
    const missing: string[] = [];
    for (const file of sourceFiles(ROOT)) {
      fs.readFileSync(path.join(ROOT, file), "utf8")
        .split("\n")
        .forEach((line, i) => {
          if (!/\bthrow\b|refused?\(|DomainError\(/.test(line)) return;
          for (const [, callee, code] of line.matchAll(thrown)) {
            if (!byCode.has(code)) missing.push(`${file}:${i + 1}: ${callee}("${code}"`);
          }
        });
    }
    expect(missing).toEqual([]);
  });

  it.each([
    ["DEBT_NOT_PAYABLE", "debt", "DEBT-R08", "LD art. 72"],
    ["API_CREDENTIALS_LOCKED", "identity", undefined, "ePortal step 5 (DESIGN CHOICE: the sources are silent on lockout)"],
    ["PORTAL_USER_NOT_REGISTERED", "identity", "ID-R01", "ePortal step 1"],
    ["RECEIPT_ALREADY_ISSUED", "debt", "DEBT-R15", "LD art. 78 para. 1"],
    ["EXTENSION_PENDING", "warehousing", "WH-R14", "LD art. 55 para. 2"],
  ])("lists %s of %s with its rule and article", (code, where, rule, article) => {
    const entry = byCode.get(code);
    expect(entry?.where).toContain(where);
    if (rule) expect(entry?.rules).toContain(rule);
    expect(entry?.articles).toContain(article);
    expect(entry?.messages.length).toBeGreaterThan(0);
  });

  it("lists the refusals of the gateway and the kit", () => {
    expect(byCode.get("RATE_LIMITED")?.where).toEqual(["gateway"]);
    expect(byCode.get("OPERATION_LIMIT_EXCEEDED")?.messages[0]).toMatch(/^The operation exceeds the … limit/);
    expect(byCode.get("PERSISTED_DOCUMENT_REQUIRED")?.where).toEqual(["gateway"]);
    expect(byCode.get("NOT_FOUND")?.where).toEqual(expect.arrayContaining(["kit", "debt", "declarations", "enforcement", "identity", "warehousing"]));
    for (const code of ["BAD_USER_INPUT", "FORBIDDEN", "UNAUTHENTICATED", "CONCURRENT_MODIFICATION", "ALREADY_EXISTS", "INTERNAL_SERVER_ERROR", "IDEMPOTENCY_KEY_REUSED"]) {
      expect(byCode.get(code)?.where).toContain("kit");
    }
    // The typed union of identity's API authentication, forwarded by the gateway.
    for (const code of ["API_TOKEN_INVALID", "API_TOKEN_EXPIRED", "API_APPLICATION_REVOKED", "API_SELF_SERVICE_UNAVAILABLE"]) expect(byCode.has(code)).toBe(true);
  });

  it("leaves out what no client receives", () => {
    for (const code of ["TRANSACTION_LEAK", "ECONNRESET", "ER_DUP_ENTRY", "DEADLOCK"]) expect(byCode.has(code)).toBe(false);
    for (const code of byCode.keys()) expect(code).toMatch(/^[A-Z][A-Z0-9_]{2,}$/);
  });
});
