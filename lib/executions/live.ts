import type { EventEmitter } from "node:events";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { executions } from "../db/schema";
import { notFound } from "../errors";
import type { ExecutionEvent, ExecutionFinished } from "../runtime";

const HEARTBEAT_MS = 15_000;

/**
 * A run's live progress as server-sent events: `engine` events (run:start, module:start, module:finish,
 * run:finish) as they happen, then one `finished` event with the recorded outcome, and the stream ends.
 * In distributed mode the events come from whichever worker runs it, over the event bus, so a view in any
 * web process lights modules up as the run goes. Listens before reading the row, so nothing falls between.
 */
export async function liveExecutionEvents(db: Db, events: EventEmitter, executionId: string, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  const buffered: string[] = [];
  let push: (chunk: string) => void = (chunk) => void buffered.push(chunk);
  let end: () => void = () => undefined;
  let ended = false;

  const onExecution = (e: ExecutionEvent) => {
    if (e.executionId === executionId) push(frame("engine", e.event));
  };
  const onFinished = (e: ExecutionFinished) => {
    if (e.executionId !== executionId) return;
    push(frame("finished", { status: e.status, error: e.error }));
    finish();
  };
  const heartbeat = setInterval(() => push(": still here\n\n"), HEARTBEAT_MS);
  heartbeat.unref();
  function finish() {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    events.off("execution", onExecution);
    events.off("finished", onFinished);
    end();
  }
  events.on("execution", onExecution);
  events.on("finished", onFinished);
  signal.addEventListener("abort", finish, { once: true });

  const [row] = await db.select({ status: executions.status, error: executions.error }).from(executions).where(eq(executions.id, executionId));
  if (!row) {
    finish();
    throw notFound("Execution");
  }
  if (row.status !== "queued" && row.status !== "running") {
    push(frame("finished", { status: row.status, error: row.error ?? null }));
    finish();
  }

  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of buffered) controller.enqueue(encoder.encode(chunk));
      buffered.length = 0;
      if (ended) return controller.close();
      push = (chunk) => controller.enqueue(encoder.encode(chunk));
      end = () => controller.close();
    },
    cancel: finish,
  });
}

function frame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
