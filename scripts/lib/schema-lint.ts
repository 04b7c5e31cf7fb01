import {
  DocumentNode,
  EnumValueDefinitionNode,
  FieldDefinitionNode,
  InputValueDefinitionNode,
  Kind,
  parse,
  TypeNode,
} from "graphql";

/**
 * The schema's completeness rules (issue 13), checked on each subgraph's SDL so that a problem
 * names the subgraph that owns it:
 * - every type, field, argument, input field and enum value has a description;
 * - every mutation returns a payload type (`...Payload`), so that it can grow without breaking;
 * - a field that returns a list of objects is a connection, unless its description says why the
 *   list is bounded (it starts with or contains "Bounded:").
 * Federation machinery (`_Service`, `_Entity`, `link__*`, directive definitions) is not ours.
 */
export interface SchemaProblem {
  subgraph: string;
  /** `Type`, `Type.field`, `Type.field(arg)` or `Enum.VALUE`. */
  coordinate: string;
  kind: "description" | "payload" | "list";
  message: string;
}

const ROOTS = new Set(["Query", "Mutation", "Subscription"]);
const isFederation = (name: string) => name.startsWith("_") || name.startsWith("link__") || name.startsWith("federation__");

const described = (node: { description?: { value: string } | undefined }) => Boolean(node.description?.value.trim());

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

function isList(type: TypeNode): boolean {
  return type.kind === Kind.LIST_TYPE || (type.kind === Kind.NON_NULL_TYPE && isList(type.type));
}

export function lintSubgraphSchema(subgraph: string, sdl: string | DocumentNode): SchemaProblem[] {
  const doc = typeof sdl === "string" ? parse(sdl) : sdl;
  const problems: SchemaProblem[] = [];
  const missing = (coordinate: string) => problems.push({ subgraph, coordinate, kind: "description", message: `${coordinate} has no description` });
  const objectTypes = new Set<string>();
  for (const def of doc.definitions) {
    if ((def.kind === Kind.OBJECT_TYPE_DEFINITION || def.kind === Kind.OBJECT_TYPE_EXTENSION || def.kind === Kind.INTERFACE_TYPE_DEFINITION) && !isFederation(def.name.value)) {
      objectTypes.add(def.name.value);
    }
  }
  for (const def of doc.definitions) {
    if (!("name" in def) || !def.name || isFederation(def.name.value)) continue;
    if (def.kind === Kind.DIRECTIVE_DEFINITION) continue;
    const type = def.name.value;
    const extension = def.kind.endsWith("Extension");
    if (!extension && !ROOTS.has(type) && !described(def as { description?: { value: string } })) missing(type);
    const input = def.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION || def.kind === Kind.INPUT_OBJECT_TYPE_EXTENSION;
    const fields = ("fields" in def ? def.fields ?? [] : []) as ReadonlyArray<FieldDefinitionNode | InputValueDefinitionNode>;
    for (const field of fields) {
      const name = field.name.value;
      if (name.startsWith("_")) continue;
      const coordinate = `${type}.${name}`;
      if (!described(field)) missing(coordinate);
      if (input) continue;
      const f = field as FieldDefinitionNode;
      for (const arg of f.arguments ?? []) if (!described(arg)) missing(`${coordinate}(${arg.name.value}:)`);
      if (type === "Mutation" && !namedType(f.type).endsWith("Payload")) {
        problems.push({ subgraph, coordinate, kind: "payload", message: `${coordinate} returns ${namedType(f.type)}, not a payload type` });
      }
      if (isList(f.type) && objectTypes.has(namedType(f.type)) && !/Bounded:/.test(f.description?.value ?? "")) {
        problems.push({ subgraph, coordinate, kind: "list", message: `${coordinate} is a plain list of ${namedType(f.type)}: make it a connection, or say in its description why it is bounded ("Bounded: ...")` });
      }
    }
    for (const value of ("values" in def ? def.values ?? [] : []) as ReadonlyArray<EnumValueDefinitionNode>) {
      if (!described(value)) missing(`${type}.${value.name.value}`);
    }
  }
  return problems;
}
