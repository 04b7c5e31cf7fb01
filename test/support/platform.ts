import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { printSubgraphSchema } from "@apollo/subgraph";
import { PRINCIPAL_EVENT_TYPES } from "../../gateway/auth";
import { createGateway, Gateway } from "../../gateway/gateway";
import { composeSupergraph } from "../../scripts/compose";
import { createSubgraph, RunningHost, Subgraph } from "../../subgraphs/kit";
import { definition as identityDefinition } from "../../subgraphs/identity/identity.subgraph";
import type { IdentityServices } from "../../subgraphs/identity/services";
import { SpoolLetterDispatcher } from "../../subgraphs/identity/services/letters";
import { reservePort } from "./graph";
import { cleanUp, dropDatabase, freshDatabase } from "./mysql";
import { probeDefinition } from "./probe-subgraph";

export interface Platform {
  gatewayUrl: string;
  identity: Subgraph<IdentityServices>;
  identityHost: RunningHost;
  probe: Subgraph<Record<string, never>>;
  probeHost: RunningHost;
  gateway: Gateway;
  spool: SpoolLetterDispatcher;
  stopIdentity(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The real thing on ephemeral ports: identity on MariaDB, the probe subgraph on SQLite, and the
 * gateway serving a supergraph composed from both, all over HTTP.
 */
export async function startPlatform(database: string): Promise<Platform> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "platform-"));
  let identity: Subgraph<IdentityServices> | undefined;
  let probe: Subgraph<Record<string, never>> | undefined;
  let gateway: Gateway | undefined;
  let identityStopped = false;
  // Every server is stopped and the database dropped even if stopping one fails; then the first failure is thrown.
  const stopAll = () =>
    cleanUp([
      () => gateway?.stop(),
      () => probe?.stop(),
      () => (identityStopped ? undefined : identity?.stop()),
      () => dropDatabase(database),
      () => fs.rmSync(dir, { recursive: true, force: true }),
    ]);
  try {
    // No scheduled job runs during the suite (none of its tests needs one): SQL counts see only the request.
    const env: NodeJS.ProcessEnv = { ...process.env, IDENTITY_DATABASE_URL: await freshDatabase(database), DATA_DIR: dir, LETTER_SPOOL_DIR: path.join(dir, "letters"), JOB_INTERVAL_MS: "600000" };
    delete env.MYSQL_URL;
    const gatewayReservation = await reservePort();
    const gatewayPort = gatewayReservation.port;
    identity = await createSubgraph(identityDefinition, {
      // The gateway hears identity's revocations; they are pushed as the revoking request ends
      // (deliverAtOnce), so the relay's own rounds are rare here and stay out of the SQL counts.
      env: { ...env, RELAY_INTERVAL_MS: "600000", EVENT_SUBSCRIBERS: JSON.stringify([{ name: "gateway", url: `http://127.0.0.1:${gatewayPort}/events`, types: PRINCIPAL_EVENT_TYPES }]) },
    });
    const identityHost = await identity.listen(0);
    probe = await createSubgraph(probeDefinition, { env: { ...env, DATA_DIR: dir } });
    const probeHost = await probe.listen(0);
    const composed = composeSupergraph([
      { name: "identity", routingUrl: `${identityHost.url}/graphql`, sdl: printSubgraphSchema(identity.schema) },
      { name: "probe", routingUrl: `${probeHost.url}/graphql`, sdl: printSubgraphSchema(probe.schema) },
    ]);
    if (!composed.ok) throw new Error(`composition failed: ${JSON.stringify(composed.errors)}`);
    gateway = await createGateway({ supergraphSdl: composed.supergraphSdl, env, healthTimeoutMs: 500, subgraphTimeoutMs: 1000 });
    await gatewayReservation.release();
    const gatewayHost = await gateway.listen(gatewayPort, "127.0.0.1");
    const startedIdentity = identity;
    return {
      gatewayUrl: `${gatewayHost.url}/graphql`,
      identity,
      identityHost,
      probe,
      probeHost,
      gateway,
      spool: new SpoolLetterDispatcher(env.LETTER_SPOOL_DIR!),
      async stopIdentity() {
        identityStopped = true;
        await startedIdentity.stop();
      },
      stop: stopAll,
    };
  } catch (error) {
    // A suite whose platform fails to start has no platform to stop: leave no database behind.
    await stopAll().catch(() => undefined);
    throw error;
  }
}
