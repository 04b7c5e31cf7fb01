import net from "node:net";
import { KeepAliveClient } from "./http-client";
import { listen, RunningHost } from "./http";

/**
 * kit/http-client.ts on loopback (issue 7, "no spurious unavailability"): the client closes idle
 * connections before a server would, and sends a request once more only when a reused connection
 * was reset before any answer, which is what a server closing it as idle does.
 */

const OK = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 11\r\nconnection: keep-alive\r\n\r\n{\"ok\":true}";

interface RawServer {
  url: string;
  /** Connections accepted so far. */
  connections: number;
  /** Requests that reached the server (their first bytes). */
  requests: number;
  close(): Promise<void>;
}

/**
 * A keep-alive HTTP/1.1 server written on raw sockets, so that it can misbehave exactly: `onRequest`
 * decides, for the n-th request on a connection, to answer or to reset the connection unread.
 */
async function rawServer(onRequest: (nthOnConnection: number, nthConnection: number) => "answer" | "reset"): Promise<RawServer> {
  const state = { connections: 0, requests: 0 };
  const sockets = new Set<net.Socket>();
  const server = net.createServer(socket => {
    state.connections += 1;
    const connection = state.connections;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    let n = 0;
    let buffered = "";
    socket.on("data", chunk => {
      buffered += chunk.toString("latin1");
      // One request per chunk boundary at the blank line (the client sends small requests).
      while (buffered.includes("\r\n\r\n")) {
        const end = buffered.indexOf("\r\n\r\n") + 4;
        const length = Number(/content-length: (\d+)/i.exec(buffered.slice(0, end))?.[1] ?? 0);
        if (buffered.length < end + length) return;
        buffered = buffered.slice(end + length);
        n += 1;
        state.requests += 1;
        if (onRequest(n, connection) === "reset") {
          socket.resetAndDestroy();
          return;
        }
        socket.write(OK);
      }
    });
  });
  await new Promise<void>(resolve => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    get connections() {
      return state.connections;
    },
    get requests() {
      return state.requests;
    },
    close: () =>
      new Promise<void>(resolve => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const post = (client: KeepAliveClient, url: string) => client.fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });

describe("KeepAliveClient", () => {
  let client: KeepAliveClient;
  afterEach(() => client?.destroy());

  it("reuses one connection for requests in a row, and answers with a standard Response", async () => {
    const server = await rawServer(() => "answer");
    client = new KeepAliveClient({ idleMs: 1000 });
    try {
      for (let i = 0; i < 3; i++) {
        const res = await post(client, server.url);
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ ok: true });
      }
      expect(server.connections).toBe(1);
    } finally {
      await server.close();
    }
  });

  it("sends a request once more, on a new connection, when the reused one is reset before any answer", async () => {
    // The second request on every connection is reset unread: as a server closing it as idle.
    const server = await rawServer(n => (n === 2 ? "reset" : "answer"));
    client = new KeepAliveClient({ idleMs: 1000 });
    try {
      expect((await post(client, server.url)).status).toBe(200);
      const second = await post(client, server.url);
      expect(second.status).toBe(200);
      expect(await second.json()).toEqual({ ok: true });
      expect(server.connections).toBe(2);
      expect(client.stats.retriedAfterIdleReset).toBe(1);
    } finally {
      await server.close();
    }
  });

  it("does not send again a request reset on a fresh connection: the server may have acted on it", async () => {
    const server = await rawServer(() => "reset");
    client = new KeepAliveClient({ idleMs: 1000 });
    try {
      await expect(post(client, server.url)).rejects.toMatchObject({ code: "ECONNRESET" });
      expect(server.requests).toBe(1);
      expect(client.stats.retriedAfterIdleReset).toBe(0);
    } finally {
      await server.close();
    }
  });

  it("sends a request at most twice, even if the new connection is reset as well", async () => {
    const server = await rawServer((n, connection) => (connection === 1 && n === 1 ? "answer" : "reset"));
    client = new KeepAliveClient({ idleMs: 1000 });
    try {
      expect((await post(client, server.url)).status).toBe(200);
      // The reused connection is reset (sent again), then the fresh one too: that is reported.
      await expect(post(client, server.url)).rejects.toMatchObject({ code: "ECONNRESET" });
      expect(server.requests).toBe(3);
      expect(client.stats.retriedAfterIdleReset).toBe(1);
    } finally {
      await server.close();
    }
  });

  it("closes a connection it kept idle before a server with a longer idle timeout would, so the next request opens a new one", async () => {
    const connections: number[] = [];
    const host: RunningHost = await listen((req, res) => {
      connections.push(req.socket.remotePort ?? 0);
      res.setHeader("content-type", "application/json");
      res.end('{"ok":true}');
    }, 0, "127.0.0.1", { keepAliveTimeoutMs: 2000 });
    client = new KeepAliveClient({ idleMs: 200 });
    try {
      await post(client, `${host.url}/graphql`);
      await post(client, `${host.url}/graphql`);
      await new Promise(resolve => setTimeout(resolve, 500));
      await post(client, `${host.url}/graphql`);
      // The first two share a connection; after 500 ms idle the client had closed it itself.
      expect(connections[0]).toBe(connections[1]);
      expect(connections[2]).not.toBe(connections[0]);
      expect(client.stats.retriedAfterIdleReset).toBe(0);
    } finally {
      await host.close();
    }
  });
});
