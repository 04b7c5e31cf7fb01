import { AsyncLocalStorage } from "node:async_hooks";
import type { DataSource, EntityManager, QueryRunner } from "typeorm";
import type { Clock } from "./clock";
import { DomainError } from "./errors";
import { clearHistoryClock, stampHistoryClock } from "./history";

/**
 * One mutation, one transaction, correct under concurrency (issue 7):
 *
 * - **Bounded locks.** A row lock is waited for at most `DB_LOCK_WAIT_TIMEOUT_SECONDS` (set on
 *   every pooled MySQL connection, see datasource.ts); a caller that cannot get it receives the
 *   typed, retryable `CONCURRENT_MODIFICATION`, never a gateway timeout. A deadlock victim gets
 *   the same error.
 * - **Read only through the transaction.** While a transaction runs, a statement sent on another
 *   connection of the same database (`this.dataSource...` instead of the transaction's manager)
 *   fails with `TRANSACTION_LEAK`: under load such a read waits for a pooled connection that the
 *   blocked transactions hold, and the pool deadlocks. The check is in the statement logger, so
 *   every path is covered, not only the ones a test happens to race.
 * - **Unique keys are typed.** A unique-key violation (the database enforcing "only once") becomes
 *   the domain error its subgraph registered for that constraint, else `ALREADY_EXISTS`; it never
 *   surfaces as an internal error.
 * - **Idempotency.** When the request carries an idempotency key (kit/idempotency.ts), the first
 *   transaction of the request records the key as its first statement, so the key and the effect
 *   commit together or not at all.
 */

/** Builds the domain error for a violated unique constraint. */
export type UniqueViolationFactory = () => DomainError;

export interface TransactionSettings {
  /** Domain errors by unique constraint, written `table(column,column)`. */
  uniqueViolations: Record<string, UniqueViolationFactory>;
  /** Called inside every transaction before the caller's work (the idempotency claim). */
  onBegin?: (manager: EntityManager) => Promise<void>;
  /** Called after the transaction rolled back (the idempotency claim is then void). */
  onRollback?: () => void;
  /**
   * Set when the data source keeps history (kit/history.ts): every transaction first hands this
   * clock's instant to the history triggers, so versions carry the subgraph's time.
   */
  historyClock?: Clock;
}

interface ActiveTransaction {
  dataSource: DataSource;
  runner: QueryRunner;
  active: boolean;
}

const activeTransaction = new AsyncLocalStorage<ActiveTransaction>();
const settingsOf = new WeakMap<DataSource, TransactionSettings>();
/** Per request, per data source: hooks of the request that is running (kit/idempotency.ts). */
const requestHooks = new AsyncLocalStorage<Map<DataSource, Pick<TransactionSettings, "onBegin" | "onRollback">>>();

/** Registers the unique constraints' domain errors of a subgraph's data source. */
export function configureTransactions(dataSource: DataSource, settings: Partial<TransactionSettings>): void {
  const current = settingsOf.get(dataSource) ?? { uniqueViolations: {} };
  settingsOf.set(dataSource, { ...current, ...settings, uniqueViolations: { ...current.uniqueViolations, ...settings.uniqueViolations } });
}

/** Runs `fn` with transaction hooks for this request (the idempotency claim). */
export function withRequestTransactionHooks<T>(hooks: Map<DataSource, Pick<TransactionSettings, "onBegin" | "onRollback">>, fn: () => Promise<T>): Promise<T> {
  return requestHooks.run(hooks, fn);
}

/**
 * Runs `fn` in one transaction on `dataSource`. Every mutation of every subgraph goes through
 * here (never `dataSource.transaction` directly), so the guarantees above hold everywhere.
 */
export async function transaction<T>(dataSource: DataSource, fn: (manager: EntityManager) => Promise<T>): Promise<T> {
  const hooks = requestHooks.getStore()?.get(dataSource);
  try {
    return await dataSource.transaction(async manager => {
      const state: ActiveTransaction = { dataSource, runner: manager.queryRunner!, active: true };
      try {
        return await activeTransaction.run(state, async () => {
          const historyClock = settingsOf.get(dataSource)?.historyClock;
          if (!historyClock) {
            await hooks?.onBegin?.(manager);
            return fn(manager);
          }
          await stampHistoryClock(manager, historyClock.now());
          try {
            await hooks?.onBegin?.(manager);
            return await fn(manager);
          } finally {
            // The stamp must not outlive the transaction: a pooled connection's next write would carry a stale time.
            await clearHistoryClock(manager).catch(() => undefined);
          }
        });
      } finally {
        state.active = false;
      }
    });
  } catch (error) {
    hooks?.onRollback?.();
    throw translateDatabaseError(error, dataSource) ?? error;
  }
}

/**
 * Called by the statement logger for every statement: refuses one sent on another connection of
 * the same database while a transaction of this async context is open.
 */
export function assertNoTransactionLeak(queryRunner: QueryRunner | undefined, query: string): void {
  const tx = activeTransaction.getStore();
  if (!tx || !tx.active || !queryRunner || queryRunner === tx.runner) return;
  if (queryRunner.connection !== tx.dataSource) return;
  // SQLite has one connection and one query runner: nothing can leak there.
  throw new TransactionLeakError(query);
}

export class TransactionLeakError extends Error {
  readonly code = "TRANSACTION_LEAK";
  constructor(query: string) {
    super(`A statement was sent outside the open transaction (read through the transaction's manager): ${query.slice(0, 200)}`);
  }
}

export class ConcurrentModificationError extends DomainError {
  constructor(reason: "LOCK_WAIT_TIMEOUT" | "DEADLOCK" | "BUSY") {
    super("CONCURRENT_MODIFICATION", "Another change to the same record was under way; nothing was changed. Retry shortly.", { retryable: true, reason });
  }
}

interface DriverError {
  code?: string;
  errno?: number;
  message?: string;
  sqlMessage?: string;
}

/**
 * Database errors that are facts of concurrency, as typed errors; `undefined` for anything else.
 * MySQL/MariaDB: 1062 duplicate key, 1205 lock wait timeout, 1213 deadlock. SQLite: unique or
 * primary-key constraint, busy.
 */
export function translateDatabaseError(error: unknown, dataSource?: DataSource): DomainError | undefined {
  if (error instanceof DomainError) return undefined;
  const driver = ((error as { driverError?: DriverError })?.driverError ?? error) as DriverError | undefined;
  if (!driver || typeof driver !== "object") return undefined;
  const code = driver.code;
  if (code === "ER_LOCK_WAIT_TIMEOUT" || driver.errno === 1205) return new ConcurrentModificationError("LOCK_WAIT_TIMEOUT");
  if (code === "ER_LOCK_DEADLOCK" || driver.errno === 1213) return new ConcurrentModificationError("DEADLOCK");
  if (code === "SQLITE_BUSY" || code === "SQLITE_LOCKED") return new ConcurrentModificationError("BUSY");
  const mysqlDuplicate = code === "ER_DUP_ENTRY" || driver.errno === 1062;
  const sqliteDuplicate = code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
  if (!mysqlDuplicate && !sqliteDuplicate) return undefined;
  const message = driver.sqlMessage ?? driver.message ?? "";
  const constraint = dataSource && (mysqlDuplicate ? mysqlConstraint(message, dataSource) : sqliteConstraint(message));
  const factory = constraint && dataSource ? registeredFactory(dataSource, constraint) : undefined;
  if (factory) return factory();
  return new DomainError("ALREADY_EXISTS", "This was already recorded; nothing was changed.", {});
}

/** A unique constraint as `table(column,column)`, columns sorted. */
function constraintKey(table: string, columns: string[]): string {
  return `${table}(${[...columns].sort().join(",")})`;
}

function registeredFactory(dataSource: DataSource, key: string): UniqueViolationFactory | undefined {
  const registered = settingsOf.get(dataSource)?.uniqueViolations ?? {};
  for (const [name, factory] of Object.entries(registered)) {
    const match = /^(\w+)\(([\w, ]+)\)$/.exec(name);
    if (match && constraintKey(match[1], match[2].split(",").map(c => c.trim())) === key) return factory;
  }
  return undefined;
}

/** MySQL names the index (`Duplicate entry 'x' for key 'IDX_...'`): its table and columns come from the entities. */
function mysqlConstraint(message: string, dataSource: DataSource): string | undefined {
  const name = /for key '(?:[^.']*\.)?([^']+)'/.exec(message)?.[1];
  if (!name) return undefined;
  for (const meta of dataSource.entityMetadatas) {
    const index = meta.indices.find(i => i.name === name);
    if (index) return constraintKey(meta.tableName, index.columns.map(c => c.databaseName));
  }
  return undefined;
}

/** SQLite names the columns (`UNIQUE constraint failed: t.a, t.b`). */
function sqliteConstraint(message: string): string | undefined {
  const match = /constraint failed: (.+)$/.exec(message);
  if (!match) return undefined;
  const parts = match[1].split(",").map(s => s.trim().split("."));
  return constraintKey(parts[0][0], parts.map(p => p[1]));
}
