import type { ReactNode } from "react";
import { HashRouter, Navigate, Route, Routes, useLocation } from "react-router-dom";
import { Layout } from "./components/Layout";
import { DeclarationPage } from "./pages/DeclarationPage";
import { MyPartnersPage } from "./pages/MyPartnersPage";
import { OfficeQueuesPage } from "./pages/OfficeQueuesPage";
import { PartnerPage } from "./pages/PartnerPage";
import { PartnerSearchPage } from "./pages/PartnerSearchPage";
import { SignInPage } from "./pages/SignInPage";
import { SessionProvider, useSession } from "./session";

/**
 * Routes. A HashRouter (/app/#/partners/…): the built app is static files under /app/, so any
 * server (the gateway, a CDN, `vite preview`) can serve it without rewriting deep links to
 * index.html.
 */
export function App() {
  return (
    <SessionProvider>
      <HashRouter future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
        <Routes>
          <Route path="/sign-in" element={<SignInPage />} />
          <Route
            element={
              <RequireSession>
                <Layout />
              </RequireSession>
            }
          >
            <Route index element={<Home />} />
            <Route path="/partners" element={<OfficerOnly><PartnerSearchPage /></OfficerOnly>} />
            <Route path="/partners/:id" element={<PartnerPage />} />
            <Route path="/office" element={<OfficerOnly><OfficeQueuesPage /></OfficerOnly>} />
            <Route path="/office/:officeId" element={<OfficerOnly><OfficeQueuesPage /></OfficerOnly>} />
            <Route path="/declarations/:id" element={<DeclarationPage />} />
            <Route path="/my-partners" element={<MyPartnersPage />} />
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </HashRouter>
    </SessionProvider>
  );
}

function RequireSession({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  if (!session) return <Navigate to="/sign-in" replace state={{ from: `${location.pathname}${location.search}` }} />;
  return <>{children}</>;
}

function Home() {
  const { session } = useSession();
  return <Navigate to={session?.caller.kind === "officer" ? "/partners" : "/my-partners"} replace />;
}

/** Officers' pages; partners are sent to theirs (the graph would refuse most of it anyway). */
function OfficerOnly({ children }: { children: ReactNode }) {
  const { session } = useSession();
  if (session?.caller.kind !== "officer") return <Navigate to="/my-partners" replace />;
  return <>{children}</>;
}

function NotFound() {
  return (
    <div data-testid="not-found">
      <h1>Not found</h1>
      <p>No page here.</p>
    </div>
  );
}
