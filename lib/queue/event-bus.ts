import { randomUUID } from "node:crypto";
import type { EventEmitter } from "node:events";
import { Redis, type RedisOptions } from "ioredis";
import pg from "pg";
import { log } from "../log";
import { redisOptions, type QueueBackend } from "./bullmq";

/** The runtime events that must reach other processes: live run progress, webhook answers, outcomes. */
export const BRIDGED_EVENTS = ["execution", "respond", "finished"] as const;

type Bridged = { type: string; data: unknown };

/** A transport carries text messages between processes: Redis pub/sub, or PostgreSQL LISTEN/NOTIFY. */
interface Transport {
  /** Largest message the transport takes; longer texts are cut into fragments. */
  maxMessage: number;
  publish(messages: string[]): Promise<void>;
  subscribe(onMessage: (text: string) => void): void;
  close(): Promise<void>;
}

/**
 * Workers publish what happens to their runs; web processes re-emit it locally, so a webhook caller
 * waiting in one process gets the response produced by a worker in another, and live run views see
 * modules light up wherever the run happens. Events of one turn of the event loop travel as one message
 * (hundreds of runs a second would otherwise mean thousands of messages).
 */
export function bridgeEvents(events: EventEmitter, backend: QueueBackend, role: "publish" | "subscribe"): () => Promise<void> {
  const transport = backend.kind === "redis" ? redisTransport(backend.url, `${backend.prefix}:events`) : postgresTransport(backend.url, "patchbay_events");
  if (role === "subscribe") {
    const fragments = new Fragments();
    transport.subscribe((text) => {
      const whole = fragments.add(text);
      if (whole === undefined) return;
      let batch: Bridged[];
      try {
        batch = JSON.parse(whole) as Bridged[];
      } catch {
        return; // not ours
      }
      if (!Array.isArray(batch)) return;
      for (const { type, data } of batch) if ((BRIDGED_EVENTS as readonly string[]).includes(type)) events.emit(type, data);
    });
    return () => transport.close();
  }

  // One publish at a time, in order: a run's "finished" must never overtake its "respond" (NOTIFYs sent on
  // two pooled connections may arrive either way round). What piles up meanwhile goes next, together.
  let pending: Bridged[] = [];
  let scheduled = false;
  let publishing: Promise<void> | undefined;
  const flush = () => {
    scheduled = false;
    if (publishing || pending.length === 0) return;
    const batch = pending;
    pending = [];
    publishing = transport
      .publish(Fragments.split(JSON.stringify(batch), transport.maxMessage))
      .catch((err: unknown) => log.warn({ err: err instanceof Error ? err.message : err }, "could not publish run events"))
      .finally(() => {
        publishing = undefined;
        flush();
      });
  };
  const forwarders = BRIDGED_EVENTS.map((type) => {
    const forward = (data: unknown) => {
      pending.push({ type, data });
      if (!scheduled && !publishing) {
        scheduled = true;
        setImmediate(flush);
      }
    };
    events.on(type, forward);
    return () => events.off(type, forward);
  });
  return async () => {
    forwarders.forEach((off) => off());
    flush();
    while (publishing) await publishing;
    await transport.close();
  };
}

/**
 * Messages longer than a transport takes (NOTIFY's 8,000 bytes; a large webhook response) travel as
 * numbered fragments and are put together again on arrival.
 */
class Fragments {
  private readonly partial = new Map<string, { parts: string[]; got: number; at: number }>();

  static split(text: string, max: number): string[] {
    if (Buffer.byteLength(text) <= max) return [text];
    const id = randomUUID();
    // Characters, not bytes: at most 4 bytes each in UTF-8, and the header is short.
    const size = Math.floor((max - 80) / 4);
    const count = Math.ceil(text.length / size);
    return Array.from({ length: count }, (_, i) => `\u0001${id}:${i}:${count}:${text.slice(i * size, (i + 1) * size)}`);
  }

  /** The whole message once complete; undefined while fragments are missing. */
  add(text: string): string | undefined {
    if (!text.startsWith("\u0001")) return text;
    const m = /^\u0001([^:]+):(\d+):(\d+):/.exec(text);
    if (!m) return undefined;
    const [, id, index, count] = m;
    const now = Date.now();
    for (const [key, p] of this.partial) if (now - p.at > 60_000) this.partial.delete(key);
    const entry = this.partial.get(id) ?? { parts: new Array<string>(Number(count)), got: 0, at: now };
    if (entry.parts[Number(index)] === undefined) entry.got++;
    entry.parts[Number(index)] = text.slice(m[0].length);
    this.partial.set(id, entry);
    if (entry.got < entry.parts.length) return undefined;
    this.partial.delete(id);
    return entry.parts.join("");
  }
}

function redisTransport(url: string, channel: string): Transport {
  let pub: Redis | undefined;
  let sub: Redis | undefined;
  return {
    maxMessage: 64 * 1024 * 1024,
    async publish(messages) {
      pub ??= new Redis(redisOptions(url, "events") as RedisOptions).on("error", (err) => log.warn({ err: err.message }, "event publisher connection problem"));
      for (const m of messages) await pub.publish(channel, m);
    },
    subscribe(onMessage) {
      sub = new Redis(redisOptions(url, "events") as RedisOptions);
      sub.on("error", (err) => log.warn({ err: err.message }, "event subscriber connection problem"));
      void sub.subscribe(channel);
      sub.on("message", (_channel: string, text: string) => onMessage(text));
    },
    async close() {
      pub?.disconnect();
      sub?.disconnect();
    },
  };
}

/**
 * PATCHBAY_QUEUE=postgres has no Redis: events ride on LISTEN/NOTIFY. The subscriber keeps one dedicated
 * connection and re-listens after it drops (events sent meanwhile are missed: a waiting webhook caller
 * then gets the 202 "still running" answer at its timeout, and the run itself is unaffected).
 */
function postgresTransport(url: string, channel: string): Transport {
  let pool: pg.Pool | undefined;
  let listener: pg.Client | undefined;
  let closed = false;
  return {
    // NOTIFY payloads must be shorter than 8,000 bytes.
    maxMessage: 7900,
    async publish(messages) {
      pool ??= new pg.Pool({ connectionString: url, max: 1 }).on("error", (err) => log.warn({ err: err.message }, "event publisher connection problem"));
      // One statement: fragments of one message arrive together, in order.
      await pool.query("select pg_notify($1, m) from unnest($2::text[]) with ordinality as t(m, n) order by n", [channel, messages]);
    },
    subscribe(onMessage) {
      const connect = async (): Promise<void> => {
        if (closed) return;
        const client = new pg.Client({ connectionString: url });
        let retrying = false;
        const retry = (err: unknown) => {
          if (retrying) return;
          retrying = true;
          log.warn({ err: err instanceof Error ? err.message : err }, "event subscriber connection problem; reconnecting");
          void client.end().catch(() => undefined);
          if (!closed) setTimeout(() => void connect(), 1000).unref();
        };
        client.on("notification", (n) => n.channel === channel && n.payload !== undefined && onMessage(n.payload));
        client.on("error", retry);
        try {
          await client.connect();
          await client.query(`listen ${channel}`);
          listener = client;
        } catch (err) {
          retry(err);
        }
      };
      void connect();
    },
    async close() {
      closed = true;
      await Promise.allSettled([pool?.end(), listener?.end()]);
    },
  };
}
