import { Arg, Ctx, Directive, Field, ID, ObjectType, Query, Resolver } from "type-graphql";
import { buildFederatedSchema, KitEventTables1763800000000, KitEventTraceContext1765700000000, KitIdempotencyKeys1764500000000, SubgraphContext, SubgraphDefinition } from "../../subgraphs/kit";

/**
 * A second, tiny subgraph for the end-to-end tests of the platform: it references identity's
 * `BusinessPartner` (so the gateway must resolve 100 partners through identity's `_entities`) and
 * answers a field of its own (so a stopped identity still leaves data to return). Built with the
 * kit like any subgraph; it is a fixture, not a stand-in for one of ours.
 */
@ObjectType("BusinessPartner")
@Directive('@key(fields: "id", resolvable: false)')
class PartnerReference {
  @Field(() => ID)
  id: string;
}

@Resolver()
class ProbeResolver {
  @Query(() => String, { description: "Who the probe subgraph thinks is calling." })
  probeStatus(@Ctx() ctx: SubgraphContext<unknown>): string {
    return `probe up for ${ctx.principal.kind}`;
  }

  @Query(() => String, { nullable: true, description: "Answers after the given delay: a subgraph that hangs." })
  async slowProbe(@Arg("ms", () => Number) ms: number): Promise<string> {
    await new Promise(resolve => setTimeout(resolve, ms));
    return `slept ${ms} ms`;
  }

  @Query(() => [PartnerReference], { description: "Echoes partner references, for the gateway to resolve in identity." })
  probePartners(@Arg("ids", () => [ID]) ids: string[]): PartnerReference[] {
    return ids.map(id => Object.assign(new PartnerReference(), { id }));
  }
}

export const probeDefinition: SubgraphDefinition<Record<string, never>> = {
  name: "probe",
  entities: [],
  migrations: [KitEventTables1763800000000, KitIdempotencyKeys1764500000000, KitEventTraceContext1765700000000],
  buildSchema: () => buildFederatedSchema({ resolvers: [ProbeResolver] }),
  createServices: () => ({}),
};
