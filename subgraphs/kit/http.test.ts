import http from "node:http";
import { listen } from "./http";

/** Issue 13: a stopping process finishes what it started and takes nothing new. */
describe("graceful close of an HTTP host", () => {
  const slow: http.RequestListener = (req, res) => {
    const timer = setTimeout(() => res.end(JSON.stringify({ url: req.url })), Number(new URL(req.url ?? "/", "http://x").searchParams.get("ms") ?? 0));
    res.once("close", () => clearTimeout(timer));
  };

  it("lets a request in flight finish, answers it with Connection: close, and refuses new connections", async () => {
    const host = await listen(slow, 0);
    const inFlight = fetch(`${host.url}/work?ms=500`);
    await until(() => host.inFlight() === 1);
    const closing = host.close(5_000);
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.headers.get("connection")).toBe("close");
    expect(await answer.json()).toEqual({ url: "/work?ms=500" });
    await closing;
    await expect(fetch(`${host.url}/late`)).rejects.toThrow();
  });

  it("stops waiting after the grace period and closes what is left", async () => {
    const host = await listen(slow, 0);
    const stuck = fetch(`${host.url}/stuck?ms=60000`).then(
      () => "answered",
      (error: Error) => error.message,
    );
    await until(() => host.inFlight() === 1);
    const started = Date.now();
    await host.close(200);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await stuck).not.toBe("answered");
  });
});

describe("timeouts of an HTTP host", () => {
  it("gives a new connection at least Node's 60 s for its request's headers, also with a one-second idle timeout (an empty 408 otherwise, under load)", async () => {
    const host = await listen((_req, res) => res.end("{}"), 0, "127.0.0.1", { keepAliveTimeoutMs: 1000 });
    try {
      expect(host.server.keepAliveTimeout).toBe(1000);
      expect(host.server.headersTimeout).toBe(60_000);
    } finally {
      await host.close(0);
    }
    const long = await listen((_req, res) => res.end("{}"), 0, "127.0.0.1", { keepAliveTimeoutMs: 120_000 });
    try {
      expect(long.server.headersTimeout).toBe(121_000);
    } finally {
      await long.close(0);
    }
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise(resolve => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}
