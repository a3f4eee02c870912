import { queueNames } from "../schemas/queues";
import type { JobName } from "../pipeline/graph";
import { boundedRedis } from "./bounded";
import { queuePrefix } from "./connection";
import { producerRedis } from "./producer";

// CPU seconds per job kind (issue #25), summed in one Redis hash by every worker when a job ends, read
// by /api/metrics and the benchmarks. Fields: `<kind>:self`, `<kind>:children`, `<kind>:jobs`.
const key = () => `${queuePrefix()}:matchcut:cpu`;

export interface JobCpu {
  selfS: number;
  childrenS: number;
}

export interface KindCpu extends JobCpu {
  kind: JobName;
  jobs: number;
}

/** Adds one finished job's CPU to its kind's totals (one round trip). */
export async function recordJobCpu(kind: JobName, cpu: JobCpu): Promise<void> {
  await producerRedis()
    .multi()
    .hincrbyfloat(key(), `${kind}:self`, cpu.selfS.toFixed(3))
    .hincrbyfloat(key(), `${kind}:children`, cpu.childrenS.toFixed(3))
    .hincrby(key(), `${kind}:jobs`, 1)
    .exec();
}

/** Every kind's totals since the Redis data began (kinds with no job yet read 0). */
export async function readJobCpu(): Promise<KindCpu[]> {
  const h = await producerRedis().hgetall(key());
  const n = (f: string) => Number(h[f] ?? 0);
  return queueNames.map((kind) => ({
    kind,
    selfS: n(`${kind}:self`),
    childrenS: n(`${kind}:children`),
    jobs: n(`${kind}:jobs`),
  }));
}

/** The same within a web request's Redis deadline (503 when Redis does not answer). */
export const jobCpuTotals = () => boundedRedis("The job CPU totals", readJobCpu);
