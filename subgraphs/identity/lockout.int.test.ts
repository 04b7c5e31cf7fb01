import { ANONYMOUS, GraphQLResponse } from "../../test/support/graphql";
import { IdentityHarness, onboardedPartner, startIdentity } from "../../test/support/identity-harness";
import { identityConfig } from "./services/config";

/**
 * Identity on MariaDB: the lockout of API renewals (DESIGN CHOICE, not in sources; ePortal step 5,
 * services/renewal-lockout.ts). By default 5 failures within 15 minutes of the first lock a path
 * for 15 minutes: wrong consumer secrets lock the consumer key, replayed refresh tokens lock
 * renewal by refresh token of their application.
 */
let h: IdentityHarness;
const START = "2026-03-02T09:00:00+01:00";
const MINUTE = 60_000;

beforeAll(async () => {
  h = await startIdentity("customs_test_identity_lockout", { now: START });
});
afterAll(async () => {
  await h?.stop();
});
beforeEach(() => h.clock.set(START));

const REQUEST_ROLE = `mutation ($p: ID!) { requestPartnerRole(input: { partnerId: $p, roleType: FREIGHT }) { role { id status } } }`;
const SUBSCRIBE = `mutation ($p: ID!) { subscribeToApi(input: { partnerId: $p, apiName: "B2B HuB Partner API for Passar declarations" }) { subscription { id } } }`;
const CREATE_APP = `mutation ($s: ID!) { createApiApplication(input: { subscriptionId: $s, softwareName: "ClearWay 5" }) { application { id } credentials { accessToken refreshToken consumerKey consumerSecret } } }`;
const REGENERATE = `mutation ($id: ID!) { regenerateApiKeys(input: { applicationId: $id }) { credentials { refreshToken consumerKey consumerSecret } } }`;
const RENEW = `mutation ($input: RenewApiAccessTokenInput!) { renewApiAccessToken(input: $input) { accessToken refreshToken } }`;

interface Keys {
  refreshToken: string;
  consumerKey: string;
  consumerSecret: string;
}

let partners = 0;
/** A partner with an active Freight role, its subscription and one application with fresh keys. */
async function application(): Promise<{ applicationId: string; admin: Parameters<IdentityHarness["as"]>[0]; keys: Keys }> {
  partners += 1;
  const { partnerId, admin } = await onboardedPartner(h, `chlogin|lockout${partners}`, `610000${String(partners).padStart(2, "0")}`, `Lockout ${partners} AG`);
  await h.as(admin, REQUEST_ROLE, { p: partnerId });
  const sub = await h.as(admin, SUBSCRIBE, { p: partnerId });
  const created = await h.as(admin, CREATE_APP, { s: sub.data?.subscribeToApi.subscription.id });
  if (created.errors) throw new Error(JSON.stringify(created.errors));
  return { applicationId: created.data!.createApiApplication.application.id, admin, keys: created.data!.createApiApplication.credentials };
}

const bySecret = (keys: Keys, secret = keys.consumerSecret) => h.as(ANONYMOUS, RENEW, { input: { consumerKey: keys.consumerKey, consumerSecret: secret } });
const byRefresh = (refreshToken: string) => h.as(ANONYMOUS, RENEW, { input: { refreshToken } });
const code = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.code as string | undefined;
const extensions = (res: GraphQLResponse) => res.errors?.[0]?.extensions ?? {};

async function counter(applicationId: string, credential: "CONSUMER_KEY" | "REFRESH_TOKEN"): Promise<{ failedAttempts: number; lockedUntil: string | null } | null> {
  const [row] = (await h.subgraph.runtime.dataSource.query("SELECT failed_attempts, locked_until FROM api_renewal_lockout WHERE application_id = ? AND credential = ?", [applicationId, credential])) as {
    failed_attempts: number;
    locked_until: Date | null;
  }[];
  return row ? { failedAttempts: Number(row.failed_attempts), lockedUntil: row.locked_until ? new Date(row.locked_until).toISOString() : null } : null;
}

/** CHECKSUM TABLE over every identity table but the lockout's own: a refused renewal changes nothing else. */
async function everythingButTheCount(): Promise<string> {
  const ds = h.subgraph.runtime.dataSource;
  const tables = ds.entityMetadatas.map(m => m.tableName).filter(t => t !== "api_renewal_lockout").sort();
  const rows = (await ds.query(`CHECKSUM TABLE ${tables.map(t => `\`${t}\``).join(", ")}`)) as { Table: string; Checksum: string }[];
  return rows.map(r => `${r.Table}=${r.Checksum}`).join(";");
}

/** `times` wrong consumer secrets in a row; returns their answers' codes. */
async function wrongSecrets(keys: Keys, times: number): Promise<(string | undefined)[]> {
  const codes: (string | undefined)[] = [];
  for (let i = 0; i < times; i++) codes.push(code(await bySecret(keys, `cs_wrong${i}`)));
  return codes;
}

describe("consumer key lockout (DESIGN CHOICE, ePortal step 5)", () => {
  it("reads IDENTITY_LOCKOUT_ATTEMPTS, IDENTITY_LOCKOUT_WINDOW_MINUTES and IDENTITY_LOCKOUT_MINUTES, 5, 15 and 15 by default, and refuses to start with a value that would turn the lockout off", () => {
    expect(h.subgraph.services.config.renewalLockout).toEqual({ attempts: 5, windowMinutes: 15, lockMinutes: 15 });
    expect(identityConfig({ IDENTITY_LOCKOUT_ATTEMPTS: "3", IDENTITY_LOCKOUT_WINDOW_MINUTES: "60", IDENTITY_LOCKOUT_MINUTES: "30" }).renewalLockout).toEqual({ attempts: 3, windowMinutes: 60, lockMinutes: 30 });
    for (const bad of ["0", "-1", "2.5", "five"]) expect(() => identityConfig({ IDENTITY_LOCKOUT_ATTEMPTS: bad })).toThrow(/IDENTITY_LOCKOUT_ATTEMPTS/);
  });

  it("locks a consumer key after 5 wrong secrets for 15 minutes, refusing even the right secret (API_CREDENTIALS_LOCKED)", async () => {
    const { applicationId, keys } = await application();
    const untouched = await everythingButTheCount();
    expect(await wrongSecrets(keys, 4)).toEqual(Array(4).fill("API_TOKEN_INVALID"));
    expect(await counter(applicationId, "CONSUMER_KEY")).toEqual({ failedAttempts: 4, lockedUntil: null });

    // The failure that reaches the threshold is itself answered with the lock.
    const fifth = await bySecret(keys, "cs_wrong5");
    expect(extensions(fifth)).toMatchObject({ code: "API_CREDENTIALS_LOCKED", credential: "CONSUMER_KEY", lockedUntil: "2026-03-02T08:15:00.000Z", retryAfterSeconds: 900 });
    expect(await counter(applicationId, "CONSUMER_KEY")).toEqual({ failedAttempts: 5, lockedUntil: "2026-03-02T08:15:00.000Z" });
    // The refusals wrote the count, and nothing else.
    expect(await everythingButTheCount()).toBe(untouched);

    const locked = await h.fingerprint();
    const right = await bySecret(keys);
    expect(code(right)).toBe("API_CREDENTIALS_LOCKED");
    expect(right.data?.renewApiAccessToken ?? null).toBeNull();
    // Wrong secrets while locked neither count nor extend the lock.
    expect(await wrongSecrets(keys, 3)).toEqual(Array(3).fill("API_CREDENTIALS_LOCKED"));
    expect(await h.fingerprint()).toBe(locked);
  });

  it("answers the lock with its end (lockedUntil, an ISO DateTime) and the whole seconds left (retryAfterSeconds), counting down with the clock, and says so in the message", async () => {
    const { keys } = await application();
    await wrongSecrets(keys, 5);
    h.clock.advance(10 * MINUTE + 30_500);
    const res = await bySecret(keys);
    const ext = extensions(res);
    expect(ext).toMatchObject({ code: "API_CREDENTIALS_LOCKED", lockedUntil: "2026-03-02T08:15:00.000Z", retryAfterSeconds: 270 });
    expect(new Date(ext.lockedUntil).toISOString()).toBe(ext.lockedUntil);
    expect(Number.isInteger(ext.retryAfterSeconds)).toBe(true);
    expect(res.errors![0].message).toMatch(/locked until 2026-03-02T08:15:00.000Z \(retry in 270 s\), even with the right secret/);
  });

  it("renews with the right secret again once the 15 minutes are over, and then counts afresh", async () => {
    const { applicationId, keys } = await application();
    await wrongSecrets(keys, 5);
    h.clock.advance(15 * MINUTE - 1000);
    expect(extensions(await bySecret(keys))).toMatchObject({ code: "API_CREDENTIALS_LOCKED", retryAfterSeconds: 1 });
    h.clock.advance(1000);
    const renewed = await bySecret(keys);
    expect(renewed.errors).toBeUndefined();
    expect(renewed.data?.renewApiAccessToken.accessToken).toMatch(/^cat_/);
    expect(await counter(applicationId, "CONSUMER_KEY")).toBeNull();
    expect(await wrongSecrets(keys, 4)).toEqual(Array(4).fill("API_TOKEN_INVALID"));
  });

  it("starts a lock's count afresh when a wrong secret follows an expired lock, without a successful renewal in between", async () => {
    const { applicationId, keys } = await application();
    await wrongSecrets(keys, 5);
    h.clock.advance(15 * MINUTE);
    expect(await wrongSecrets(keys, 4)).toEqual(Array(4).fill("API_TOKEN_INVALID"));
    expect(await counter(applicationId, "CONSUMER_KEY")).toEqual({ failedAttempts: 4, lockedUntil: null });
    expect(code(await bySecret(keys, "cs_wrong"))).toBe("API_CREDENTIALS_LOCKED");
  });

  it("resets the count on a successful renewal: 4 wrong secrets, the right one, then 4 wrong ones do not lock", async () => {
    const { applicationId, keys } = await application();
    await wrongSecrets(keys, 4);
    expect((await bySecret(keys)).errors).toBeUndefined();
    expect(await counter(applicationId, "CONSUMER_KEY")).toBeNull();
    expect(await wrongSecrets(keys, 4)).toEqual(Array(4).fill("API_TOKEN_INVALID"));
    expect((await bySecret(keys)).errors).toBeUndefined();
  });

  it("counts only failures within 15 minutes of the first: a 5th wrong secret 15 minutes after the first opens a new count instead of locking", async () => {
    const { applicationId, keys } = await application();
    await wrongSecrets(keys, 4);
    h.clock.advance(15 * MINUTE);
    expect(await wrongSecrets(keys, 1)).toEqual(["API_TOKEN_INVALID"]);
    expect(await counter(applicationId, "CONSUMER_KEY")).toEqual({ failedAttempts: 1, lockedUntil: null });
    h.clock.advance(14 * MINUTE);
    expect(await wrongSecrets(keys, 4)).toEqual(["API_TOKEN_INVALID", "API_TOKEN_INVALID", "API_TOKEN_INVALID", "API_CREDENTIALS_LOCKED"]);
  });

  it("answers an unknown consumer key with API_TOKEN_INVALID however often, and counts nothing (nothing to lock)", async () => {
    const { keys } = await application();
    const before = await h.fingerprint();
    for (let i = 0; i < 8; i++) expect(code(await bySecret({ ...keys, consumerKey: `ck_unknown${i % 2}` }))).toBe("API_TOKEN_INVALID");
    expect(await h.fingerprint()).toBe(before);
    expect((await bySecret(keys)).errors).toBeUndefined();
  });

  it("lifts the lock when an administrator regenerates the keys: the new consumer key renews at once (ID-R23)", async () => {
    const { applicationId, admin, keys } = await application();
    await wrongSecrets(keys, 5);
    const fresh = (await h.as(admin, REGENERATE, { id: applicationId })).data!.regenerateApiKeys.credentials as Keys;
    expect(await counter(applicationId, "CONSUMER_KEY")).toBeNull();
    expect((await bySecret(fresh)).errors).toBeUndefined();
    // The old key is gone: unknown, so it counts nothing against the new one.
    expect(code(await bySecret(keys))).toBe("API_TOKEN_INVALID");
    expect(await counter(applicationId, "CONSUMER_KEY")).toBeNull();
  });

  it("locks exactly once under 50 parallel wrong secrets: 4 API_TOKEN_INVALID, then 46 API_CREDENTIALS_LOCKED with one lockedUntil, a count of exactly 5, and no INTERNAL_SERVER_ERROR", async () => {
    const { applicationId, keys } = await application();
    // Every reading of the clock is a millisecond later: a lock set twice would show two ends.
    const now = h.clock.now.bind(h.clock);
    h.clock.now = () => {
      h.clock.advance(1);
      return now();
    };
    let answers: GraphQLResponse[];
    try {
      answers = await Promise.all(Array.from({ length: 50 }, (_, i) => bySecret(keys, `cs_parallel${i}`)));
    } finally {
      h.clock.now = now;
    }
    const codes = answers.map(code);
    expect(codes.filter(c => c === "API_TOKEN_INVALID")).toHaveLength(4);
    expect(codes.filter(c => c === "API_CREDENTIALS_LOCKED")).toHaveLength(46);
    const ends = new Set(answers.filter(a => code(a) === "API_CREDENTIALS_LOCKED").map(a => extensions(a).lockedUntil));
    expect(ends.size).toBe(1);
    const stored = await counter(applicationId, "CONSUMER_KEY");
    expect(stored).toEqual({ failedAttempts: 5, lockedUntil: [...ends][0] });
    for (const a of answers) expect(Number.isInteger(extensions(a).retryAfterSeconds ?? 0)).toBe(true);
  });
});

describe("refresh token lockout (DESIGN CHOICE, ePortal step 5)", () => {
  it("locks renewal by refresh token after 5 replays of used refresh tokens of one application, while its consumer key still renews (API_CREDENTIALS_LOCKED)", async () => {
    const { applicationId, keys } = await application();
    const rotated = await byRefresh(keys.refreshToken);
    const current = rotated.data!.renewApiAccessToken.refreshToken as string;
    for (let i = 0; i < 4; i++) expect(code(await byRefresh(keys.refreshToken))).toBe("API_TOKEN_INVALID");
    const fifth = await byRefresh(keys.refreshToken);
    expect(extensions(fifth)).toMatchObject({ code: "API_CREDENTIALS_LOCKED", credential: "REFRESH_TOKEN", lockedUntil: "2026-03-02T08:15:00.000Z", retryAfterSeconds: 900 });
    expect(fifth.errors![0].message).toMatch(/renewal by refresh token is locked/);
    expect(await counter(applicationId, "REFRESH_TOKEN")).toEqual({ failedAttempts: 5, lockedUntil: "2026-03-02T08:15:00.000Z" });

    // Even the current, never used refresh token is refused, and stays unused.
    expect(code(await byRefresh(current))).toBe("API_CREDENTIALS_LOCKED");
    // The consumer key path is independent: the software recovers with key and secret.
    expect((await bySecret(keys)).errors).toBeUndefined();
    expect(await counter(applicationId, "CONSUMER_KEY")).toBeNull();

    h.clock.advance(15 * MINUTE);
    const after = await byRefresh(current);
    expect(after.errors).toBeUndefined();
    expect(await counter(applicationId, "REFRESH_TOKEN")).toBeNull();
  });

  it("keeps the paths apart the other way: a locked consumer key leaves renewal by refresh token open", async () => {
    const { applicationId, keys } = await application();
    await wrongSecrets(keys, 5);
    const renewed = await byRefresh(keys.refreshToken);
    expect(renewed.errors).toBeUndefined();
    expect(await counter(applicationId, "REFRESH_TOKEN")).toBeNull();
    expect(code(await bySecret(keys))).toBe("API_CREDENTIALS_LOCKED");
  });

  it("counts a refresh token revoked by regenerated keys as a replay, but not an unknown or an expired one (API_TOKEN_INVALID, API_TOKEN_EXPIRED)", async () => {
    const { applicationId, admin, keys } = await application();
    const fresh = (await h.as(admin, REGENERATE, { id: applicationId })).data!.regenerateApiKeys.credentials as Keys;
    expect(code(await byRefresh(keys.refreshToken))).toBe("API_TOKEN_INVALID");
    expect(await counter(applicationId, "REFRESH_TOKEN")).toEqual({ failedAttempts: 1, lockedUntil: null });

    const before = await h.fingerprint();
    expect(code(await byRefresh("crt_unknown"))).toBe("API_TOKEN_INVALID");
    h.clock.advance(91 * 24 * 60 * MINUTE);
    expect(code(await byRefresh(fresh.refreshToken))).toBe("API_TOKEN_EXPIRED");
    expect(await h.fingerprint()).toBe(before);
  });

  it("rotates a refresh token once under 2 parallel renewals with it: the other is a replay, answered API_TOKEN_INVALID and counted", async () => {
    const { applicationId, keys } = await application();
    const answers = await Promise.all([byRefresh(keys.refreshToken), byRefresh(keys.refreshToken)]);
    expect(answers.filter(a => !a.errors)).toHaveLength(1);
    expect(answers.map(code).filter(Boolean)).toEqual(["API_TOKEN_INVALID"]);
    expect(await counter(applicationId, "REFRESH_TOKEN")).toEqual({ failedAttempts: 1, lockedUntil: null });
  });
});
