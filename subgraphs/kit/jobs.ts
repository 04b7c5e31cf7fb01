import type { EntityManager, EntityTarget, ObjectLiteral } from "typeorm";
import type { Clock } from "./clock";
import type { Logger } from "./logger";

/**
 * Time-driven transitions (a deadline passing, a provisional taxation becoming final) happen
 * without anyone asking. A job finds what fell due by `now` and moves each row with a
 * compare-and-set (`transitionOnce`), dated at the deadline itself rather than at the moment the
 * job ran. So a transition is exact across a restart (a late run books the same instant) and
 * never happens twice, however many replicas run the job at once.
 */
export interface ScheduledJob {
  name: string;
  /** Applies every transition due at `now`; returns how many it made. */
  run(now: Date): Promise<number>;
}

export class JobRunner {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly jobs: ScheduledJob[],
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly intervalMs = 1000,
    /** Counts each job's runs by outcome (kit/metrics.ts). */
    private readonly onRun?: (job: string, outcome: "ok" | "failed") => void,
  ) {}

  start(): void {
    if (this.timer || !this.jobs.length) return;
    const tick = () => {
      this.running = this.runOnce().finally(() => {
        if (this.timer) this.timer = setTimeout(tick, this.intervalMs);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    const timer = this.timer;
    this.timer = undefined;
    if (timer) clearTimeout(timer);
    await this.running;
  }

  /** Runs every job once, one after the other; a failing job does not stop the others. */
  async runOnce(): Promise<Record<string, number>> {
    const now = this.clock.now();
    const done: Record<string, number> = {};
    for (const job of this.jobs) {
      try {
        done[job.name] = await job.run(now);
        this.onRun?.(job.name, "ok");
        if (done[job.name]) this.logger.info({ job: job.name, transitions: done[job.name] }, "scheduled transitions applied");
      } catch (error) {
        done[job.name] = 0;
        this.onRun?.(job.name, "failed");
        this.logger.error({ err: error, job: job.name }, "scheduled job failed; it runs again next round");
      }
    }
    return done;
  }
}

/**
 * Compare-and-set on one row: applies `changes` only if the row still has `expected` values.
 * Returns false when another replica (or a user) moved it first.
 */
export async function transitionOnce<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  id: string,
  expected: Partial<T>,
  changes: Partial<T>,
): Promise<boolean> {
  const result = await manager.update(entity, { id, ...expected } as never, changes as never);
  return result.affected === 1;
}
