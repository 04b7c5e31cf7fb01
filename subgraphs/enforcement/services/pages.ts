import type { ConnectionShape } from "../../kit";

/**
 * A page of one row shown as another (a case link as its case, a case as its penalty decision):
 * the same cursors, and the count still asked for only when a client reads `totalCount`.
 */
export function mapPage<T, U>(page: ConnectionShape<T>, map: (node: T) => U): ConnectionShape<U> {
  return {
    edges: page.edges.map(e => ({ node: map(e.node), cursor: e.cursor })),
    pageInfo: page.pageInfo,
    get totalCount() {
      return page.totalCount;
    },
  };
}
