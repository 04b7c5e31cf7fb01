import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import type { CombinedError } from "urql";
import { formatDateTime, formatDay, formatMoney } from "../format";
import { shownErrors, type ShownError } from "../graph";
import { useSession } from "../session";

/** The token no longer works (expired, revoked, unknown): the caller has to sign in again. */
const SIGNED_OUT_CODES = new Set(["UNAUTHENTICATED", "API_TOKEN_INVALID", "API_TOKEN_EXPIRED"]);

/** The errors of a query that gave nothing to show: each with its `extensions.code` and message. */
export function GraphErrors({ error }: { error: CombinedError | undefined }) {
  const { signOut } = useSession();
  const errors = shownErrors(error);
  if (errors.length === 0) return null;
  const unauthenticated = errors.some(e => SIGNED_OUT_CODES.has(e.code));
  return (
    <div className="error" role="alert" data-testid="graphql-error">
      <ul>
        {errors.map((e, i) => (
          <li key={i}>
            <code data-testid="error-code">{e.code}</code> <span data-testid="error-message">{e.message}</span>
          </li>
        ))}
      </ul>
      {unauthenticated && (
        <button type="button" onClick={signOut}>
          Sign in again
        </button>
      )}
    </div>
  );
}

/** Errors of fields that answered null while the rest of the page came: listed once, collapsed. */
export function PartialErrors({ error }: { error: CombinedError | undefined }) {
  const errors = shownErrors(error);
  if (errors.length === 0) return null;
  return (
    <details className="partial-errors" data-testid="partial-errors">
      <summary>
        {errors.length} part{errors.length === 1 ? "" : "s"} of this page not available
      </summary>
      <ul>
        {errors.map((e, i) => (
          <li key={i}>
            <code>{e.code}</code> {e.message} {e.path && <small>({e.path.join(".")})</small>}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** A field the graph answered null for, usually FORBIDDEN for this caller. */
export function NotAvailable({ error }: { error?: ShownError }) {
  return (
    <span className="not-available" data-testid="not-available" data-code={error?.code} title={error ? `${error.code}: ${error.message}` : undefined}>
      not available{error ? ` (${error.code})` : ""}
    </span>
  );
}

export function Loading() {
  return (
    <p className="muted" data-testid="loading">
      Loading…
    </p>
  );
}

/** What a query's own result says while it has nothing to show. */
export interface QueryState {
  fetching: boolean;
  error?: CombinedError;
}

/** A query with nothing to show yet: loading, or why not. */
export function LoadingOrErrors({ result }: { result: QueryState }) {
  return result.fetching ? <Loading /> : <GraphErrors error={result.error} />;
}

export function Money({ value, testId }: { value: string | null | undefined; testId?: string }) {
  return (
    <span className="money" data-testid={testId} data-value={value ?? undefined}>
      {formatMoney(value)}
    </span>
  );
}

export function When({ value }: { value: string | null | undefined }) {
  return value ? <time dateTime={value}>{formatDateTime(value)}</time> : <>—</>;
}

export function Day({ value }: { value: string | null | undefined }) {
  return value ? <time dateTime={value}>{formatDay(value)}</time> : <>—</>;
}

export function Section({ title, count, testId, children }: { title: string; count?: number; testId: string; children: ReactNode }) {
  return (
    <section className="section" data-testid={testId}>
      <h2>
        {title}
        {count !== undefined && <span className="count">{count}</span>}
      </h2>
      {children}
    </section>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <p className="muted" data-testid="empty">
      {children}
    </p>
  );
}

/** "Showing 20 of 35" under a list read with one page only. */
export function MoreThanShown({ shown, total }: { shown: number; total: number }) {
  if (total <= shown) return null;
  return (
    <p className="muted">
      Showing the first {shown} of {total}.
    </p>
  );
}

export function Badge({ children, tone }: { children: ReactNode; tone?: "warn" | "bad" | "good" }) {
  return <span className={`badge${tone ? ` ${tone}` : ""}`}>{children}</span>;
}

/** The app's address of a partner's page, a declaration's page and an office's queues: one place for the routes of App.tsx. */
export const paths = {
  partner: (id: string) => `/partners/${encodeURIComponent(id)}`,
  declaration: (id: string) => `/declarations/${encodeURIComponent(id)}`,
  office: (id: string) => `/office/${encodeURIComponent(id)}`,
};

/** A link to a partner's page, named by default after the partner. */
export function PartnerLink({ partner, children, testId }: { partner: { id: string; name?: string | null }; children?: ReactNode; testId?: string }) {
  return (
    <Link to={paths.partner(partner.id)} data-testid={testId}>
      {children ?? partner.name}
    </Link>
  );
}

/** A link to a declaration's page (its facts and timeline), named by default by its number. */
export function DeclarationLink({ declaration, children, testId }: { declaration: { id: string; declarationNumber?: string | null }; children?: ReactNode; testId?: string }) {
  return (
    <Link to={paths.declaration(declaration.id)} data-testid={testId}>
      {children ?? declaration.declarationNumber ?? "declaration"}
    </Link>
  );
}
