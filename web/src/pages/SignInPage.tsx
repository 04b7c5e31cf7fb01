import { useEffect, useState, type FormEvent } from "react";
import { Navigate, useLocation, useNavigate } from "react-router-dom";
import { cleanToken, DEMO_PORTAL_USER, devLogin, devLoginEnabled, type DevLoginRequest } from "../auth";
import { gatewayEndpoints } from "../config";
import { useSession } from "../session";

/**
 * Sign in with a bearer token (the ones `npm start` prints, a partner API access token), or, when
 * the gateway offers development login, as the demo officer or the demo portal user.
 */
export function SignInPage() {
  const { session, signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? "/";
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [devLoginOn, setDevLoginOn] = useState(false);

  useEffect(() => {
    const abort = new AbortController();
    devLoginEnabled(abort.signal).then(on => {
      if (!abort.signal.aborted) setDevLoginOn(on);
    });
    return () => abort.abort();
  }, []);

  if (session) return <Navigate to={from} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const cleaned = cleanToken(token);
    if (!cleaned) {
      setError("Paste a token first.");
      return;
    }
    signIn(cleaned);
    navigate(from, { replace: true });
  };

  const demo = async (request: DevLoginRequest) => {
    setBusy(true);
    setError(null);
    try {
      signIn(await devLogin(request));
      navigate(from, { replace: true });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const gateway = gatewayEndpoints().base || window.location.origin;
  return (
    <main className="sign-in" data-testid="sign-in-page">
      <h1>Swiss customs</h1>
      <form onSubmit={submit}>
        <label htmlFor="token">Bearer token</label>
        <textarea
          id="token"
          data-testid="token-input"
          rows={5}
          value={token}
          onChange={e => setToken(e.target.value)}
          placeholder="eyJhbGciOi… or cat_…"
          spellCheck={false}
          autoComplete="off"
        />
        <button type="submit" data-testid="sign-in-submit" disabled={busy}>
          Sign in
        </button>
      </form>
      <p className="muted">
        An officer's or portal user's JWT, or a partner application's API access token (`npm start` prints demo ones). It is kept in this tab only.
      </p>
      {devLoginOn && (
        <div className="dev-login" data-testid="dev-login">
          <h2>Development login</h2>
          <button type="button" data-testid="dev-login-officer" disabled={busy} onClick={() => demo({ kind: "officer" })}>
            Demo officer
          </button>
          <button type="button" data-testid="dev-login-portal-user" disabled={busy} onClick={() => demo(DEMO_PORTAL_USER)}>
            Demo portal user (Alice Muster)
          </button>
        </div>
      )}
      {error && (
        <p className="error" role="alert" data-testid="sign-in-error">
          {error}
        </p>
      )}
      <p className="muted">
        Gateway: <code data-testid="gateway-url">{gateway}</code>
      </p>
    </main>
  );
}
