import type { ReactElement, ReactNode } from "react";
import type { ShownError } from "../graph";
import { Empty, LoadingOrErrors, MoreThanShown, NotAvailable, Section, type QueryState } from "./common";

/** A page of a Relay connection as the pages select it: the nodes and how many there are in all. */
export interface Connection<N> {
  edges: ReadonlyArray<{ node: N }>;
  totalCount: number;
}

/** A column's header; `num` right-aligns it like the amounts under it. */
export type Column = string | { label: string; num: true };

export interface ConnectionTableProps<N> {
  /** Null or undefined while the query has nothing to show, or when the graph answered the field null. */
  connection: Connection<N> | null | undefined;
  columns: readonly Column[];
  /** One node's `<tr>`, with its key and its data-testid. */
  row: (node: N, index: number) => ReactElement;
  /** What an empty connection says. */
  empty: ReactNode;
  /**
   * Why the connection is missing. A query of its own (an office queue): loading, then its
   * errors. Otherwise a field of a larger query that answered null: "not available", with the
   * field's error (fieldError) when there is one.
   */
  query?: QueryState;
  fieldError?: ShownError;
  /** Testid of the table itself. */
  tableTestId?: string;
  /** What stands under the table instead of "Showing the first n of m" (a pager; null for nothing). */
  footer?: ReactNode;
}

/** A connection as a table: missing, empty, or one row a node, with "Showing the first n of m" under it. */
export function ConnectionTable<N>({ connection, columns, row, empty, query, fieldError, tableTestId, footer }: ConnectionTableProps<N>) {
  if (!connection) return query ? <LoadingOrErrors result={query} /> : <NotAvailable error={fieldError} />;
  return (
    <>
      {connection.edges.length === 0 ? (
        <Empty>{empty}</Empty>
      ) : (
        <table data-testid={tableTestId}>
          <thead>
            <tr>
              {columns.map(column =>
                typeof column === "string" ? (
                  <th key={column}>{column}</th>
                ) : (
                  <th key={column.label} className="num">
                    {column.label}
                  </th>
                ),
              )}
            </tr>
          </thead>
          <tbody>{connection.edges.map(({ node }, index) => row(node, index))}</tbody>
        </table>
      )}
      {footer === undefined ? <MoreThanShown shown={connection.edges.length} total={connection.totalCount} /> : footer}
    </>
  );
}

/** A page section (title, count, testid) around a ConnectionTable. */
export function ConnectionSection<N>({ title, testId, ...table }: ConnectionTableProps<N> & { title: string; testId: string }) {
  return (
    <Section title={title} count={table.connection?.totalCount} testId={testId}>
      <ConnectionTable {...table} />
    </Section>
  );
}
