import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";

/**
 * GraphiQL served by the gateway itself (issue 13), so that the graph has an IDE where there is
 * no internet: the page and every asset come from this origin, read once from the npm packages
 * (graphiql 3's UMD build, React 18's UMD builds). A browser asking `GET /graphql` for HTML gets
 * the IDE; a GraphQL GET (with `query=`) or any POST goes to the graph as before. The page runs no
 * inline script, so a strict Content-Security-Policy holds (`script-src 'self'`), and it never
 * keeps the headers (the token) in the browser's storage.
 *
 * `GATEWAY_GRAPHIQL=off` turns it off (the gateway then answers a browser's GET like any other).
 */

const PREFIX = "/graphiql/";

interface Asset {
  body: Buffer;
  type: string;
}

/** The assets by their file name under /graphiql/. */
function loadAssets(): Map<string, Asset> {
  const pkgDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));
  const file = (name: string, rel: string, type: string): [string, Asset] => [path.basename(rel), { body: fs.readFileSync(path.join(pkgDir(name), rel)), type }];
  return new Map<string, Asset>([
    file("react", "umd/react.production.min.js", "text/javascript; charset=utf-8"),
    file("react-dom", "umd/react-dom.production.min.js", "text/javascript; charset=utf-8"),
    file("graphiql", "graphiql.min.js", "text/javascript; charset=utf-8"),
    file("graphiql", "graphiql.min.css", "text/css; charset=utf-8"),
    ["start.js", { body: Buffer.from(START_SCRIPT), type: "text/javascript; charset=utf-8" }],
  ]);
}

const DEFAULT_QUERY = `# The Swiss customs graph. Without a token you are anonymous and see public reference data.
# To act as someone, open "Headers" below and paste a token that \`npm start\` printed:
#   { "Authorization": "Bearer <token>" }
# Ctrl-Enter runs the query; Ctrl-Space completes; the Docs panel (top left) explains every field.

query TermsOfUse {
  termsOfUse {
    version
  }
}
`;

// Runs after the UMD globals (React, ReactDOM, GraphiQL) are loaded; reads its settings from the
// page's data attributes instead of inline script.
const START_SCRIPT = `(function () {
  var root = document.getElementById("graphiql");
  var fetcher = GraphiQL.createFetcher({ url: root.dataset.endpoint });
  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: root.dataset.defaultQuery,
      // Empty: an empty Authorization header is refused, and anonymous callers need none.
      defaultHeaders: "{}",
      defaultEditorToolsVisibility: "headers",
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
    }),
  );
})();
`;

const escapeAttribute = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function page(endpoint: string, version: string): string {
  const asset = (name: string) => `${PREFIX}${name}?v=${version}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Swiss customs graph · GraphiQL</title>
<link rel="stylesheet" href="${asset("graphiql.min.css")}">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql" data-endpoint="${escapeAttribute(endpoint)}" data-default-query="${escapeAttribute(DEFAULT_QUERY)}">Loading GraphiQL…</div>
<script src="${asset("react.production.min.js")}"></script>
<script src="${asset("react-dom.production.min.js")}"></script>
<script src="${asset("graphiql.min.js")}"></script>
<script src="${asset("start.js")}"></script>
</body>
</html>
`;
}

// GraphiQL and CodeMirror set inline styles; scripts and connections stay on this origin.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function graphiqlEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = (env.GATEWAY_GRAPHIQL ?? "on").toLowerCase();
  if (value === "on" || value === "true" || value === "1") return true;
  if (value === "off" || value === "false" || value === "0") return false;
  throw new Error(`GATEWAY_GRAPHIQL must be 'on' or 'off', not '${env.GATEWAY_GRAPHIQL}'`);
}

/** A browser navigating to the endpoint: a GET that accepts HTML and carries no GraphQL query. */
function wantsIde(req: IncomingMessage, url: URL): boolean {
  return req.method === "GET" && !url.searchParams.has("query") && (req.headers.accept ?? "").includes("text/html");
}

/**
 * Serves the IDE and its assets; returns true when it answered. `endpoint` is the GraphQL path
 * the page posts to (the same origin).
 */
export function createGraphiql(endpoint = "/graphql"): (req: IncomingMessage, res: ServerResponse) => boolean {
  const assets = loadAssets();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a package.json read at start
  const version = (require("graphiql/package.json") as { version: string }).version;
  const html = Buffer.from(page(endpoint, version));
  return (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const url = new URL(req.url ?? "/", "http://gateway");
    if (url.pathname === endpoint && wantsIde(req, url)) {
      send(req, res, { body: html, type: "text/html; charset=utf-8" }, { "cache-control": "no-cache", "content-security-policy": CSP });
      return true;
    }
    if (!url.pathname.startsWith(PREFIX)) return false;
    const asset = assets.get(url.pathname.slice(PREFIX.length));
    if (!asset) {
      send(req, res, { body: Buffer.from("Not found\n"), type: "text/plain; charset=utf-8" }, {}, 404);
      return true;
    }
    // The page names each asset with the package version: a new version is a new URL.
    send(req, res, asset, { "cache-control": "public, max-age=86400, immutable" });
    return true;
  };
}

function send(req: IncomingMessage, res: ServerResponse, asset: Asset, headers: Record<string, string>, status = 200): void {
  res.statusCode = status;
  res.setHeader("content-type", asset.type);
  res.setHeader("content-length", String(asset.body.length));
  res.setHeader("x-content-type-options", "nosniff");
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.end(req.method === "HEAD" ? undefined : asset.body);
}
