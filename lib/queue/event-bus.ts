import type { EventEmitter } from "node:events";
import { Redis, type RedisOptions } from "ioredis";
import { log } from "../log";
import { redisOptions } from "./bullmq";

/** The runtime events that must reach other processes: live run progress, webhook answers, outcomes. */
export const BRIDGED_EVENTS = ["execution", "respond", "finished"] as const;

/**
 * Workers publish what happens to their runs; web processes re-emit it locally, so a webhook caller
 * waiting in one process gets the response produced by a worker in another.
 */
export function bridgeEventsOverRedis(events: EventEmitter, url: string, prefix: string, role: "publish" | "subscribe"): () => Promise<void> {
  const channel = `${prefix}:events`;
  if (role === "publish") {
    const pub = new Redis(redisOptions(url, "events") as RedisOptions);
    pub.on("error", (err) => log.warn({ err: err.message }, "event publisher connection problem"));
    const forwarders = BRIDGED_EVENTS.map((type) => {
      const forward = (data: unknown) => void pub.publish(channel, JSON.stringify({ type, data })).catch(() => undefined);
      events.on(type, forward);
      return () => events.off(type, forward);
    });
    return async () => {
      forwarders.forEach((off) => off());
      pub.disconnect();
    };
  }
  const sub = new Redis(redisOptions(url, "events") as RedisOptions);
  sub.on("error", (err) => log.warn({ err: err.message }, "event subscriber connection problem"));
  void sub.subscribe(channel);
  sub.on("message", (_channel: string, text: string) => {
    try {
      const { type, data } = JSON.parse(text) as { type: string; data: unknown };
      if ((BRIDGED_EVENTS as readonly string[]).includes(type)) events.emit(type, data);
    } catch {
      /* not ours */
    }
  });
  return async () => {
    sub.disconnect();
  };
}
