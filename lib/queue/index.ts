export { enqueue, queueFor, namedQueue, closeQueues, producerReachable } from "./producer";
export { redisConnection, queuePrefix } from "./connection";
export { enqueueFlow, closeFlows } from "./flows";
export { queueCounts, queuesOverview, retryJob, removeJob, finishedTimes } from "./admin";
export { bestQueuedPriority } from "./priority";
export { jobStatuses, jobStatus, POSITION_TIMEOUT_MS } from "./position";
export { isRedisConnectionError, noteRedisError, noteRedisReady, redisOutage } from "./outage";
export { boundedRedis, redisUnavailable } from "./bounded";
export { recordJobCpu, readJobCpu, jobCpuTotals, type JobCpu, type KindCpu } from "./cpu";
