import { formatDateTime, humanize } from "../format";

/**
 * One event or deadline in a declaration's life: the shape of `CustomsDeclaration.timeline`,
 * which the graph is gaining; until then web/src/pages/timeline-entries.ts builds the entries.
 */
export interface TimelineEntry {
  at: string;
  kind: string;
  deadline: boolean;
  overdue: boolean;
  summary: string;
  rule: string | null;
  article: string | null;
  status: string | null;
}

/** The entries in time order; deadlines are marked, overdue ones stand out. */
export function Timeline({ entries, now = new Date() }: { entries: readonly TimelineEntry[]; now?: Date }) {
  if (entries.length === 0) return <p className="muted">Nothing has happened yet.</p>;
  const sorted = [...entries].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return (
    <ol className="timeline" data-testid="timeline">
      {sorted.map((entry, i) => {
        const future = Date.parse(entry.at) > now.getTime();
        const classes = ["timeline-entry", entry.deadline ? "deadline" : "event", entry.overdue ? "overdue" : "", future ? "future" : ""].filter(Boolean).join(" ");
        return (
          <li key={`${entry.kind}-${entry.at}-${i}`} className={classes} data-testid="timeline-entry" data-kind={entry.kind} data-deadline={entry.deadline} data-overdue={entry.overdue}>
            <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
            <div className="timeline-body">
              <div>
                {entry.deadline && <span className="badge">{entry.overdue ? "overdue" : "deadline"}</span>} <strong>{entry.summary}</strong>
                {entry.status && <span className="timeline-status"> · {humanize(entry.status)}</span>}
              </div>
              {(entry.rule || entry.article) && (
                <small className="muted">
                  {[entry.rule, entry.article].filter(Boolean).join(", ")}
                </small>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
