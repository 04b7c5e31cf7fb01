import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Browser, BrowserContext, chromium, Page } from "playwright-core";
import { definition as debtDefinition } from "../subgraphs/debt/debt.subgraph";
import { PaymentMethod } from "../subgraphs/debt/entities/enums";
import { definition as declarationsDefinition } from "../subgraphs/declarations/declarations.subgraph";
import { SummaryForm } from "../subgraphs/declarations/entities/enums";
import { definition as enforcementDefinition } from "../subgraphs/enforcement/enforcement.subgraph";
import { definition as identityDefinition } from "../subgraphs/identity/identity.subgraph";
import { definition as notificationsDefinition } from "../subgraphs/notifications/notifications.subgraph";
import { definition as warehousingDefinition } from "../subgraphs/warehousing/warehousing.subgraph";
import { mintDevToken } from "../scripts/mint-token";
import { CUSTOMS_OFFICE, seedDashboard } from "./support/dashboard";
import { gql } from "./support/graphql";
import { Graph, startGraph } from "./support/graph";
import { ok, OnboardedDeclarant, onboardDeclarant } from "./support/onboarding";

/**
 * Issue 15: the web app (web/), built with Vite and served by the gateway under /app/, driven in
 * Debian's Chromium against the real graph (all six subgraphs on MariaDB). An officer signs in with
 * the development login, finds a partner, reads its exposure today and as of last month (kept
 * history, issue 15), opens a declaration's timeline and the office's work queues; a partner's
 * portal user sees its own data and is refused another partner's. The partner page costs the same
 * SQL statements for 3 and for 12 declarations with their debts. Screenshots of every page go to
 * test-results/.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ROOT = path.resolve(__dirname, "..");
const SHOTS = path.join(ROOT, "test-results");
const DAY = 24 * 3600 * 1000;

let g: Graph;
let browser: Browser;
let webDir: string;
let small: OnboardedDeclarant;
let large: OnboardedDeclarant;
let officer: string;
/** Real time: the app's date picker and "last month" are the browser's, so the graph's clock ends at now. */
const NOW = new Date();
const SEEDED_AT = new Date(NOW.getTime() - 40 * DAY);
const CHANGED_AT = new Date(NOW.getTime() - 20 * DAY);
/** A day between the two changes, as the date picker gives it (YYYY-MM-DD, Zurich). */
const LAST_MONTH = new Date(NOW.getTime() - 30 * DAY).toLocaleDateString("en-CA", { timeZone: "Europe/Zurich" });

const EXPOSURE = `query ($id: ID!, $asOf: DateTime) { businessPartner(id: $id) { exposure(asOf: $asOf) { openDebts bonds(first: 10) { edges { node { reserved headroom } } } } } }`;

beforeAll(async () => {
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), "customs-web-"));
  // The app as `npm run build` builds it, into a folder of this run.
  execFileSync(path.join(ROOT, "node_modules", ".bin", "vite"), ["build", "--config", "web/vite.config.ts", "--outDir", webDir, "--emptyOutDir", "--logLevel", "warn"], { cwd: ROOT, stdio: "inherit" });
  g = await startGraph(
    "customs_test_e2e_web",
    SEEDED_AT.toISOString(),
    [identityDefinition, declarationsDefinition, debtDefinition, warehousingDefinition, enforcementDefinition, notificationsDefinition],
    { GATEWAY_DEV_LOGIN: "on", WEB_DIST_DIR: webDir },
  );
  officer = await mintDevToken({ kind: "officer", sub: "officer-web", roles: ["CUSTOMS_OFFICE", "AUDITOR"] });
  small = await onboardDeclarant(g.gatewayUrl, g.spool, "96000003", "Drei Spedition AG");
  large = await onboardDeclarant(g.gatewayUrl, g.spool, "96000012", "Zwoelf Logistik AG");
  await g.drainEvents();
  g.clock.set(new Date(SEEDED_AT.getTime() + 3600 * 1000));
  for (const d of [small, large]) await d.renew();
  await seedDashboard(g, small, 3, large.partnerId);
  await seedDashboard(g, large, 12, small.partnerId);
  // Goods presented at Basel and never declared: on the office's queue since the next business day (DEC-R06).
  const software = await g.subgraphs.identity.subgraph.services.principals.forAccessToken(large.software());
  await g.subgraphs.declarations.subgraph.services.lodging.present(software, { officeId: "1001", presenterId: large.partnerId, summaryForm: SummaryForm.ELECTRONIC, place: "Basel", goodsDescription: "Undeclared pallets" });
  // Twenty days ago, within the payment period, the small partner paid one debt in full: its open debts fell and the bond's
  // reservation for that debt went.
  g.clock.set(CHANGED_AT);
  const debt = g.subgraphs.debt.subgraph.services;
  const page = await debt.debts.list({ debtorIds: [small.partnerId] }, { first: 1 });
  const first = page.edges[0].node;
  await debt.debts.pay(CUSTOMS_OFFICE, { debtId: first.id, payerId: small.partnerId, amount: first.amount ?? 0, method: PaymentMethod.CASH });
  await g.drainEvents();
  g.clock.set(new Date());
  for (const d of [small, large]) await d.renew();
  await g.quiesce();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  fs.mkdirSync(SHOTS, { recursive: true });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await g?.stop();
  if (webDir) fs.rmSync(webDir, { recursive: true, force: true });
});

const origin = () => new URL(g.gatewayUrl).origin;
const app = (route: string) => `${origin()}/app/#${route}`;

/** A new browser context (its own sessionStorage: one signed-in person); page errors fail the test. */
async function person(): Promise<{ context: BrowserContext; page: Page; failures: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  const page = await context.newPage();
  const failures: string[] = [];
  page.on("pageerror", error => failures.push(`pageerror: ${error.message}`));
  return { context, page, failures };
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `web-${name}.png`), fullPage: true });
}

/** Statements each subgraph sent while `work` ran. */
async function statements(work: () => Promise<void>): Promise<Record<string, number>> {
  const before = Object.fromEntries(Object.entries(g.subgraphs).map(([name, s]) => [name, s.subgraph.runtime.sql.count]));
  await work();
  return Object.fromEntries(Object.entries(g.subgraphs).map(([name, s]) => [name, s.subgraph.runtime.sql.count - before[name]]));
}

/**
 * Polls `check` until it holds (the page's CSP refuses the string evaluation of
 * `page.waitForFunction`, and rightly so: the test reads the page through locators).
 */
async function until(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

/** Waits until no section of the page is still loading. */
async function settled(page: Page): Promise<void> {
  await until(async () => (await page.getByTestId("loading").count()) === 0, "the sections to load");
}

/** Opens a partner page and waits until every section has its data (not merely its spinner). */
async function openPartner(page: Page, partnerId: string, declarations: number, asOf?: string): Promise<void> {
  await page.goto(app(`/partners/${partnerId}${asOf ? `?asOf=${asOf}` : ""}`));
  await until(async () => (await page.getByTestId("partner-page").getAttribute("data-partner-id")) === partnerId, "the partner page");
  await page.getByTestId("exposure-open-debts").waitFor();
  await page.getByTestId("security-row").first().waitFor();
  await until(async () => (await page.getByTestId("declaration-row").count()) === declarations, `${declarations} declarations`);
  await settled(page);
  // Late answers (there should be none) would be counted against the next page.
  await page.waitForTimeout(300);
}

describe("the web app, in Chromium, on the real graph (issue 15)", () => {
  it("serves the app under /app/ and development login only as configured", async () => {
    const index = await fetch(`${origin()}/app/`);
    expect(index.status).toBe(200);
    expect(index.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(await index.text()).toContain('<div id="root">');
    expect((await fetch(`${origin()}/`, { redirect: "manual" })).headers.get("location")).toBe("/app/");
    expect(await (await fetch(`${origin()}/auth/dev-token`)).json()).toEqual({ enabled: true });
    const refused = await fetch(`${origin()}/auth/dev-token`, { method: "POST", body: JSON.stringify({ kind: "root" }) });
    expect(refused.status).toBe(400);
    expect((await fetch(`${origin()}/app/assets/nothing.js`)).status).toBe(404);
    expect((await fetch(`${origin()}/app/..%2f..%2fpackage.json`)).status).not.toBe(200);
  });

  it("an officer signs in, finds a partner, reads its exposure today and as of last month, opens a declaration's timeline and the office's queues", async () => {
    const { context, page, failures } = await person();
    await page.goto(app("/sign-in"));
    await page.getByTestId("dev-login-officer").click();
    await page.getByTestId("signed-in-identity").waitFor();

    // Find the partner by name.
    await page.goto(app("/partners"));
    await page.getByTestId("partner-search-input").fill("Drei Spedition");
    await page.getByTestId("partner-search-submit").click();
    await page.getByTestId("partner-result").first().waitFor();
    await shot(page, "partner-search");
    await page.getByTestId("partner-result").first().locator("a").first().click();
    await page.getByTestId("partner-name").waitFor();
    expect(await page.getByTestId("partner-name").textContent()).toContain("Drei Spedition AG");
    await openPartner(page, small.partnerId, 3);
    // Roles with their history (kept versions): the freight role was requested, then released.
    const history = await page.getByTestId("role-history").first().locator("li").evaluateAll(items => items.map(item => item.getAttribute("data-status")));
    expect(history.at(-1)).toBe("ACTIVE");
    await shot(page, "partner");

    // Today, and as of last month: the page shows what the graph kept for each, and they differ.
    const today = ok(await gql(g.gatewayUrl, EXPOSURE, { id: small.partnerId }, { bearer: officer })).businessPartner.exposure;
    const then = ok(await gql(g.gatewayUrl, EXPOSURE, { id: small.partnerId, asOf: endOfZurichDay(LAST_MONTH) }, { bearer: officer })).businessPartner.exposure;
    expect(then.openDebts).not.toBe(today.openDebts);
    expect(await page.getByTestId("exposure-open-debts").getAttribute("data-value")).toBe(today.openDebts);
    await page.getByTestId("as-of-input").fill(LAST_MONTH);
    await page.getByTestId("as-of-banner").waitFor();
    await until(async () => (await page.getByTestId("exposure-open-debts").getAttribute("data-value")) === then.openDebts, "the exposure as of last month");
    expect(await page.getByTestId("as-of-banner").textContent()).toContain("as recorded then");
    expect(await page.getByTestId("bond-headroom").first().getAttribute("data-value")).toBe(then.bonds.edges[0].node.headroom);
    await shot(page, "partner-as-of-last-month");

    // A declaration's timeline, from the partner page.
    await page.getByTestId("as-of-clear").click();
    await page.getByTestId("declaration-timeline-link").first().click();
    await page.getByTestId("timeline-entry").first().waitFor();
    const entries = await page.getByTestId("timeline-entry").allTextContents();
    expect(entries.length).toBeGreaterThanOrEqual(4);
    expect(entries.join("\n")).toMatch(/DEC-R16/);
    expect(await page.locator('[data-testid="timeline-entry"][data-kind="TAXED"]').count()).toBe(1);
    await shot(page, "declaration-timeline");

    // The office's work queues.
    await page.goto(app("/office/1001"));
    await page.getByTestId("queue-pending-resubmissions").waitFor();
    await settled(page);
    expect(await page.getByTestId("graphql-error").count()).toBe(0);
    for (const queue of ["queue-undeclared-presentations", "queue-overdue-documents", "queue-overdue-debts", "queue-role-requests", "queue-pending-authorisations"]) {
      await page.getByTestId(queue).waitFor();
    }
    // DEC-R06 (OD-AFD art. 4): the presentation left undeclared, linked to its presenter.
    const undeclared = page.getByTestId("queue-undeclared-presentations").getByTestId("queue-row");
    expect(await undeclared.count()).toBe(1);
    expect(await undeclared.first().textContent()).toContain("Undeclared pallets");
    await shot(page, "office-queues");
    await undeclared.first().getByRole("link", { name: "Zwoelf Logistik AG" }).click();
    await until(async () => (await page.getByTestId("partner-page").getAttribute("data-partner-id")) === large.partnerId, "the presenter's partner page");
    expect(failures).toEqual([]);
    await context.close();
  });

  it("costs the same SQL statements for the partner page of 3 and of 12 declarations with their debts", async () => {
    const { context, page } = await person();
    await page.goto(app("/sign-in"));
    await page.getByTestId("token-input").fill(officer);
    await page.getByTestId("sign-in-submit").click();
    await page.getByTestId("signed-in-identity").waitFor();
    // Warm-up: the first load of each fills the gateway's caches and the browser's.
    await openPartner(page, small.partnerId, 3);
    await openPartner(page, large.partnerId, 12);
    const three = await statements(() => openPartner(page, small.partnerId, 3));
    const twelve = await statements(() => openPartner(page, large.partnerId, 12));
    console.log(`partner page: statements per subgraph for 3 declarations ${JSON.stringify(three)}, for 12 ${JSON.stringify(twelve)}`);
    expect(twelve).toEqual(three);
    expect(three.debt).toBeGreaterThan(0);
    expect(three.declarations).toBeGreaterThan(0);
    // And as of last month.
    const threeThen = await statements(() => openPartner(page, small.partnerId, 3, LAST_MONTH));
    const twelveThen = await statements(() => openPartner(page, large.partnerId, 12, LAST_MONTH));
    expect(twelveThen).toEqual(threeThen);
    await context.close();
  });

  it("a partner's portal user sees its own partner, declarations, debts and notifications, and is refused another partner's", async () => {
    const { context, page, failures } = await person();
    await page.goto(app("/sign-in"));
    await page.getByTestId("token-input").fill(small.admin);
    await page.getByTestId("sign-in-submit").click();
    await page.getByTestId("signed-in-identity").waitFor();
    await page.goto(app("/my-partners"));
    await page.getByTestId("my-partner").first().waitFor();
    expect(await page.getByTestId("my-partner").allTextContents()).toEqual([expect.stringContaining("Drei Spedition AG")]);
    await page.getByTestId("notifications-panel").waitFor();
    await shot(page, "my-partners");

    await openPartner(page, small.partnerId, 3);
    expect(await page.getByTestId("debt-row").count()).toBe(3);
    await shot(page, "partner-own");

    // Another partner: its public register data, nothing of its declarations, debts or securities.
    await page.goto(app(`/partners/${large.partnerId}`));
    await until(async () => ((await page.getByTestId("partner-name").textContent()) ?? "").includes("Zwoelf Logistik AG"), "the other partner's name");
    await settled(page);
    expect(await page.getByTestId("declaration-row").count()).toBe(0);
    expect(await page.getByTestId("debt-row").count()).toBe(0);
    expect(await page.getByTestId("security-row").count()).toBe(0);
    expect(await page.locator('[data-testid="not-available"][data-code="FORBIDDEN"], [data-testid="error-code"]:text("FORBIDDEN")').count()).toBeGreaterThan(0);
    await shot(page, "partner-refused");
    // The office queues are for officers.
    await page.goto(app("/office/1001"));
    expect(await page.getByTestId("queue-overdue-debts").count()).toBe(0);
    expect(failures).toEqual([]);
    await context.close();
  });
});

/** The end of a calendar day in Zurich, as the app sends it (web/src/format.ts). */
function endOfZurichDay(day: string): string {
  for (const offset of ["+01:00", "+02:00"]) {
    const candidate = new Date(`${day}T23:59:59.999${offset}`);
    if (candidate.toLocaleDateString("en-CA", { timeZone: "Europe/Zurich" }) === day && new Date(candidate.getTime() + 1).toLocaleDateString("en-CA", { timeZone: "Europe/Zurich" }) !== day) return candidate.toISOString();
  }
  throw new Error(`no end of ${day}`);
}
