import type { SubgraphContext } from "../../kit";
import type { DeclarationServices } from "../services";

export type DeclarationsContext = SubgraphContext<DeclarationServices>;
