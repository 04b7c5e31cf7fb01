import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { Provider as UrqlProvider } from "urql";
import { clearSession, loadSession, storeSession, type Session } from "./auth";
import { createGraphClient } from "./graph";

interface SessionContextValue {
  session: Session | null;
  signIn(token: string): Session;
  signOut(): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** The signed-in session and, while there is one, the urql client that sends its token. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const signIn = useCallback((token: string) => {
    const next = storeSession(token);
    setSession(next);
    return next;
  }, []);
  const signOut = useCallback(() => {
    clearSession();
    setSession(null);
  }, []);
  const value = useMemo(() => ({ session, signIn, signOut }), [session, signIn, signOut]);
  // A new client per token: nothing cached for one caller is shown to the next.
  const client = useMemo(() => (session ? createGraphClient(session.token) : null), [session]);
  return (
    <SessionContext.Provider value={value}>
      {client ? <UrqlProvider value={client}>{children}</UrqlProvider> : children}
    </SessionContext.Provider>
  );
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside SessionProvider");
  return value;
}

/** The session of a page behind RequireSession. */
export function useSignedIn(): Session {
  const { session } = useSession();
  if (!session) throw new Error("useSignedIn on a page without a session");
  return session;
}
