import { collectDefaultMetrics, Gauge, Registry } from "prom-client";
import { finishedTimes, jobCpuTotals, queueCounts } from "../queue";
import { analysesByStatus, recentLiveLatencies, recentRealtimeFactors, videosByStatus } from "./sources";
import { quantiles } from "./stats";

// Every figure is gathered in collect(), at scrape time, from Redis (BullMQ's bookkeeping) and
// PostgreSQL: the web process that answers /api/metrics cannot see the workers' memory, and this way the
// figures are the same however many worker processes run. Durations are therefore summaries (gauges
// per quantile over the completed jobs BullMQ keeps) rather than histograms counted at the source.

function build(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "matchcut_web_" });

  new Gauge({
    name: "matchcut_queue_jobs",
    help: "Jobs per queue (job kind) and BullMQ state",
    labelNames: ["queue", "state"],
    registers: [registry],
    async collect() {
      this.reset();
      for (const q of await queueCounts())
        for (const [state, n] of Object.entries(q.counts)) this.set({ queue: q.queue, state }, n);
    },
  });

  const times = (name: string, help: string, pick: "runs" | "waits") =>
    new Gauge({
      name,
      help,
      labelNames: ["queue", "quantile"],
      registers: [registry],
      async collect() {
        this.reset();
        for (const t of await finishedTimes())
          for (const { q, value } of quantiles(t[pick]))
            this.set({ queue: t.queue, quantile: String(q) }, value);
      },
    });
  times(
    "matchcut_job_duration_seconds",
    "Run time (taken → finished) of the completed jobs BullMQ keeps, per queue; quantile 1 = the longest",
    "runs",
  );
  times(
    "matchcut_job_wait_seconds",
    "Queue wait (added → taken by a worker) of the completed jobs BullMQ keeps, per queue",
    "waits",
  );

  // Issue #25: what each kind of job costs. Sums kept in Redis by the workers (lib/queue/cpu.ts), so they
  // only count up (a counter's meaning) though exposed as gauges, like every figure read at scrape time.
  new Gauge({
    name: "matchcut_job_cpu_seconds",
    help: "CPU seconds used by finished jobs per kind: part=self (the worker's share) or children (ffmpeg, trainer)",
    labelNames: ["queue", "part"],
    registers: [registry],
    async collect() {
      this.reset();
      for (const k of await jobCpuTotals()) {
        this.set({ queue: k.kind, part: "self" }, k.selfS);
        this.set({ queue: k.kind, part: "children" }, k.childrenS);
      }
    },
  });
  new Gauge({
    name: "matchcut_job_cpu_jobs",
    help: "Finished jobs per kind whose CPU matchcut_job_cpu_seconds counts",
    labelNames: ["queue"],
    registers: [registry],
    async collect() {
      this.reset();
      for (const k of await jobCpuTotals()) this.set({ queue: k.kind }, k.jobs);
    },
  });

  new Gauge({
    name: "matchcut_analysis_realtime_factor",
    help: "Seconds of video analysed per second of wall time (created → completed), last 20 analyses",
    labelNames: ["quantile"],
    registers: [registry],
    async collect() {
      this.reset();
      for (const { q, value } of quantiles(await recentRealtimeFactors()))
        this.set({ quantile: String(q) }, value);
    },
  });

  new Gauge({
    name: "matchcut_analyses",
    help: "Analyses per status (failed ones are the failures an editor sees)",
    labelNames: ["status"],
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of await analysesByStatus()) this.set({ status: r.status }, r.count);
    },
  });

  new Gauge({
    name: "matchcut_videos",
    help: "Videos per status",
    labelNames: ["status"],
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of await videosByStatus()) this.set({ status: r.status }, r.count);
    },
  });

  new Gauge({
    name: "matchcut_live_segment_latency_seconds",
    help: "Live segments stored in the last 15 minutes: seen in the playlist → scores stored",
    labelNames: ["quantile"],
    registers: [registry],
    async collect() {
      this.reset();
      for (const { q, value } of quantiles(await recentLiveLatencies()))
        this.set({ quantile: String(q) }, value);
    },
  });

  return registry;
}

// One registry per process (kept across Next.js dev reloads, which would otherwise register twice).
const holder = globalThis as unknown as { matchcutMetrics?: Registry };

export function metricsRegistry(): Registry {
  holder.matchcutMetrics ??= build();
  return holder.matchcutMetrics;
}

/** The Prometheus text exposition and its content type. */
export async function exposition(): Promise<{ body: string; contentType: string }> {
  const registry = metricsRegistry();
  return { body: await registry.metrics(), contentType: registry.contentType };
}
