import fs from "node:fs";
import path from "node:path";
import { Browser, chromium } from "playwright-core";
import { mintDevToken } from "../scripts/mint-token";
import { Graph, startGraph } from "./support/graph";

/**
 * Issue 13: GraphiQL served by the gateway works with no network. Debian's Chromium, driven by
 * playwright-core, opens `GET /graphql` of a real graph; every request that would leave the
 * gateway's origin is refused and recorded (there must be none). The test types a token into
 * the header editor, runs a query and reads the answer on the page.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

let g: Graph;
let browser: Browser;
const screenshots = path.join(process.cwd(), "test-results");

beforeAll(async () => {
  g = await startGraph("customs_test_e2e_graphiql", "2026-03-02T08:00:00+01:00");
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // No call home: these machines have no internet, and the page must not need it. Playwright
    // gives the browser a new empty profile of its own.
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});
afterAll(async () => {
  await browser?.close();
  await g?.stop();
});

/** A page whose every request off the gateway's origin is aborted and recorded. */
async function offlinePage(origin: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const offOrigin: string[] = [];
  const failures: string[] = [];
  await context.route("**/*", route => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    offOrigin.push(url);
    return route.abort("internetdisconnected");
  });
  page.on("pageerror", error => failures.push(`pageerror: ${error.message}`));
  page.on("console", message => {
    if (message.type() === "error") failures.push(`console: ${message.text()}`);
  });
  return { page, context, offOrigin, failures };
}

/** Sets a CodeMirror 5 editor's text (GraphiQL 3's editors), as a paste would. */
async function setEditor(page: import("playwright-core").Page, which: "query" | "headers", text: string) {
  if (which === "headers") await page.locator('.graphiql-editor-tools button[data-name="headers"]').click();
  const editor = page.locator(which === "query" ? ".graphiql-query-editor .CodeMirror" : ".graphiql-editor-tool .CodeMirror:visible").first();
  await editor.waitFor();
  await editor.evaluate((element, value) => (element as unknown as { CodeMirror: { setValue(v: string): void } }).CodeMirror.setValue(value), text);
  // GraphiQL reads the operation's name from the editor after a debounce: a click before it would
  // send the previous operation's name (seen under CI load).
  await page.waitForTimeout(500);
}

/** Waits until the element's text contains the fragment (the answer arrives asynchronously). */
async function untilContains(locator: import("playwright-core").Locator, fragment: string, timeoutMs = 30_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  let text = "";
  while (Date.now() < until) {
    text = (await locator.textContent()) ?? "";
    if (text.includes(fragment)) return text;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error(`no ${fragment} in ${JSON.stringify(text)} after ${timeoutMs} ms`);
}

describe("GraphiQL at GET /graphql, offline", () => {
  it("loads from the gateway alone, runs a query with a token from the header editor, and shows the answer", async () => {
    const origin = new URL(g.gatewayUrl).origin;
    const officer = await mintDevToken({ kind: "officer", sub: "officer-graphiql", roles: ["AUDITOR"] });
    const { page, context, offOrigin, failures } = await offlinePage(origin);
    try {
      const response = await page.goto(g.gatewayUrl, { waitUntil: "load" });
      expect(response?.status()).toBe(200);
      expect(response?.headers()["content-security-policy"]).toContain("script-src 'self'");
      await page.locator(".graphiql-container").waitFor({ timeout: 30_000 });
      // The schema came through introspection: the docs explorer knows the Query type.
      await setEditor(page, "query", "query TermsOfUse { termsOfUse { version } whoAmI: __typename }");
      await setEditor(page, "headers", JSON.stringify({ Authorization: `Bearer ${officer}` }));
      await page.locator(".graphiql-execute-button").click();
      const result = page.locator(".graphiql-response .CodeMirror");
      await untilContains(result, '"version"');
      const text = (await result.textContent()) ?? "";
      expect(text).toContain('"termsOfUse"');
      expect(text).toContain('"whoAmI": "Query"');
      expect(text).not.toContain('"errors"');
      fs.mkdirSync(screenshots, { recursive: true });
      await page.screenshot({ path: path.join(screenshots, "graphiql.png") });
      expect(offOrigin).toEqual([]);
      expect(failures).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("sends the header editor's token: a field only an officer may read answers, and the same query without it is refused", async () => {
    const origin = new URL(g.gatewayUrl).origin;
    const officer = await mintDevToken({ kind: "officer", sub: "officer-graphiql", roles: ["AUDITOR"] });
    const { page, context, offOrigin } = await offlinePage(origin);
    try {
      await page.goto(g.gatewayUrl);
      await page.locator(".graphiql-container").waitFor({ timeout: 30_000 });
      const query = "{ businessPartners(first: 1) { totalCount } }";
      await setEditor(page, "query", query);
      await setEditor(page, "headers", "{}");
      await page.locator(".graphiql-execute-button").click();
      const result = page.locator(".graphiql-response .CodeMirror");
      await untilContains(result, '"errors"');
      await setEditor(page, "headers", JSON.stringify({ Authorization: `Bearer ${officer}` }));
      await page.locator(".graphiql-execute-button").click();
      await untilContains(result, '"totalCount"');
      expect((await result.textContent()) ?? "").not.toContain('"errors"');
      expect(offOrigin).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("leaves GraphQL over GET and non-browser clients to the graph, and serves each asset with a version", async () => {
    const asJson = await fetch(`${g.gatewayUrl}?query=${encodeURIComponent("{ termsOfUse { version } }")}`, { headers: { accept: "text/html,application/json", "apollo-require-preflight": "1" } });
    expect(asJson.headers.get("content-type")).toContain("application/json");
    expect(((await asJson.json()) as { data: { termsOfUse: { version: string } } }).data.termsOfUse.version).toBeTruthy();
    const html = await (await fetch(g.gatewayUrl, { headers: { accept: "text/html" } })).text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map(m => m[1]);
    expect(assets).toHaveLength(5);
    for (const asset of assets) {
      expect(asset).toMatch(/^\/graphiql\/[\w.-]+\?v=\d+\.\d+\.\d+$/);
      const res = await fetch(new URL(asset, g.gatewayUrl));
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toContain("immutable");
    }
    expect((await fetch(new URL("/graphiql/nothing.js", g.gatewayUrl))).status).toBe(404);
  });
});
