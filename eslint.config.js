// ESLint 9 flat config: typescript-eslint's recommended rules, plus the one boundary that keeps
// the house in shape (STYLE.md): a subgraph never imports another subgraph, and the kit imports
// none. Tests and scripts may import any subgraph's public module.
const path = require("node:path");
const js = require("@eslint/js");
const tseslint = require("typescript-eslint");

const SUBGRAPHS = path.join(__dirname, "subgraphs");

/** `subgraphs/<name>/...` → `<name>`, or null outside subgraphs/. */
function subgraphOf(file) {
  const rel = path.relative(SUBGRAPHS, file);
  if (rel.startsWith("..") || path.isAbsolute(rel)) return null;
  return rel.split(path.sep)[0];
}

const boundaries = {
  rules: {
    "no-cross-subgraph-import": {
      meta: { type: "problem", messages: { cross: "{{from}} must not import {{to}}: subgraphs share only the kit (STYLE.md)." } },
      create(context) {
        const file = context.filename;
        const from = subgraphOf(file);
        if (!from || /\.test\.ts$/.test(file)) return {};
        const check = (node, source) => {
          if (typeof source !== "string" || !source.startsWith(".")) return;
          const to = subgraphOf(path.resolve(path.dirname(file), source));
          if (!to || to === from) return;
          if (to === "kit" && from !== "kit") return;
          context.report({ node, messageId: "cross", data: { from: `subgraphs/${from}`, to: `subgraphs/${to}` } });
        };
        return {
          ImportDeclaration: node => check(node, node.source.value),
          ExportAllDeclaration: node => check(node, node.source.value),
          ExportNamedDeclaration: node => node.source && check(node, node.source.value),
          ImportExpression: node => node.source.type === "Literal" && check(node, node.source.value),
        };
      },
    },
  },
};

module.exports = tseslint.config(
  { ignores: ["node_modules/", "data/", "schema/", "scratch/", "coverage/", "dist/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // The web app's .tsx (web/) is TypeScript too: same parser (JSX from the extension), same rules.
    files: ["**/*.ts", "**/*.tsx"],
    plugins: { boundaries },
    rules: {
      "boundaries/no-cross-subgraph-import": "error",
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      curly: ["error", "multi-line"],
      eqeqeq: ["error", "always"],
    },
  },
  {
    files: ["**/*.js"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", module: "writable", __dirname: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
