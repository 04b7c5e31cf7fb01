import { stringifyDocument } from "@urql/core";
import { createClient, NetworkError } from "graphql-sse";
import { useEffect, useRef, useState } from "react";
import { gatewayEndpoints } from "./config";
import { NotificationAddedDocument, type NotificationAddedSubscription } from "./generated";

export type LiveStatus = "connecting" | "live" | "ended";

export type AddedNotification = NotificationAddedSubscription["notificationAdded"];

const QUERY = stringifyDocument(NotificationAddedDocument);

/** Why a stream ended, with the graph's code when it gave one. */
function describe(error: unknown): string {
  if (error instanceof NetworkError) return error.response ? `HTTP ${error.response.status}` : error.message;
  if (Array.isArray(error)) {
    return error
      .map((e: { message?: string; extensions?: { code?: unknown } }) => `${typeof e.extensions?.code === "string" ? e.extensions.code : "ERROR"}: ${e.message ?? ""}`)
      .join("; ");
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * `subscription { notificationAdded }` over server-sent events at the gateway's /graphql/stream
 * (graphql-sse, distinct connections: each stream authenticates with its own Authorization
 * header). Calls `onNotification` for each new notification of the caller's inboxes; graphql-sse
 * reconnects after a dropped connection, and the stream ends when the token expires.
 */
export function useNotificationStream(token: string, onNotification: (notification: AddedNotification) => void): { status: LiveStatus; reason: string | null } {
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const [reason, setReason] = useState<string | null>(null);
  const callback = useRef(onNotification);
  callback.current = onNotification;

  useEffect(() => {
    const client = createClient({
      url: gatewayEndpoints().stream,
      headers: { Authorization: `Bearer ${token}` },
    });
    setStatus("connecting");
    setReason(null);
    const dispose = client.subscribe<NotificationAddedSubscription>(
      { query: QUERY, operationName: "NotificationAdded" },
      {
        next: result => {
          if (result.data) callback.current(result.data.notificationAdded);
          if (result.errors?.length) setReason(describe(result.errors));
        },
        error: error => {
          setStatus("ended");
          setReason(describe(error));
        },
        complete: () => setStatus("ended"),
      },
      { connecting: () => setStatus("connecting"), connected: () => setStatus("live") },
    );
    return () => {
      dispose();
      client.dispose();
    };
  }, [token]);

  return { status, reason };
}
