import { NavLink, Outlet } from "react-router-dom";
import { describeCaller } from "../auth";
import { ZONE } from "../format";
import { useSignedIn, useSession } from "../session";

/** The frame of every signed-in page: who is signed in, where to go, sign out. */
export function Layout() {
  const { caller } = useSignedIn();
  const { signOut } = useSession();
  return (
    <>
      <header className="app-header">
        <span className="brand">Swiss customs</span>
        <nav>
          {caller.kind === "officer" ? (
            <>
              <NavLink to="/partners" data-testid="nav-partners">
                Partners
              </NavLink>
              <NavLink to="/office" data-testid="nav-office">
                Office queues
              </NavLink>
            </>
          ) : (
            <NavLink to="/my-partners" data-testid="nav-my-partners">
              My partners
            </NavLink>
          )}
        </nav>
        <span className="identity" data-testid="signed-in-identity" data-kind={caller.kind}>
          {describeCaller(caller)}
        </span>
        <button type="button" onClick={signOut} data-testid="sign-out">
          Sign out
        </button>
      </header>
      <main>
        <Outlet />
      </main>
      <footer className="muted">Times are shown in {ZONE} time. Amounts in CHF.</footer>
    </>
  );
}
