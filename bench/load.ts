import fs from "node:fs";
import http from "node:http";

export interface LoadResult {
  /** Requests answered with the expected status. */
  ok: number;
  /** Requests answered otherwise, or that failed on the socket. */
  failed: number;
  /** The first few failures, to say why. */
  failures: string[];
  seconds: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * A small closed-loop load generator: `connections` keep-alive sockets, each sending its next request as
 * soon as the previous answer arrived, for `seconds`. The body carries a running number, so every stored
 * execution can be matched to the request that made it. In-repo on purpose: no extra dependency, and the
 * same generator measures the bare Node server, so the ratio between them is fair.
 */
export async function load(options: {
  url: string;
  connections: number;
  seconds: number;
  /** Answers counted as success. */
  expect: (status: number, body: string) => boolean;
  body?: (seq: number) => string;
}): Promise<LoadResult> {
  const target = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections, maxFreeSockets: options.connections });
  const latencies: number[] = [];
  const failures: string[] = [];
  let ok = 0;
  let failed = 0;
  let seq = 0;
  const started = performance.now();
  const end = started + options.seconds * 1000;
  const makeBody = options.body ?? ((n: number) => `{"value":${n}}`);

  const once = () =>
    new Promise<void>((resolve) => {
      const body = makeBody(seq++);
      const t0 = performance.now();
      const req = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname + target.search,
          method: "POST",
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (c: string) => (text += c));
          res.on("end", () => {
            latencies.push(performance.now() - t0);
            if (options.expect(res.statusCode ?? 0, text)) ok++;
            else {
              failed++;
              if (failures.length < 5) failures.push(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`);
            }
            resolve();
          });
        },
      );
      req.on("error", (err) => {
        failed++;
        if (failures.length < 5) failures.push(err.message);
        resolve();
      });
      req.end(body);
    });

  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (performance.now() < end) await once();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => (latencies.length === 0 ? 0 : latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]);
  return { ok, failed, failures, seconds, p50Ms: pct(0.5), p99Ms: pct(0.99) };
}

/** Resident set size of a process, from /proc (Linux), in MB. */
export function rssMb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/**
 * CPU time a process has used so far (user + system), in ms, from /proc (Linux). On a shared machine
 * throughput is noisy, but CPU per execution is not: it says what one core would sustain.
 */
export function cpuMs(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}
