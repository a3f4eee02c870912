export { enqueue, queueFor, namedQueue, closeQueues, producerReachable } from "./producer";
export { redisConnection, queuePrefix } from "./connection";
export { enqueueFlow, closeFlows } from "./flows";
export { queueCounts, queuesOverview, retryJob, removeJob, finishedTimes } from "./admin";
export { bestQueuedPriority } from "./priority";
export { isRedisConnectionError, noteRedisError, noteRedisReady, redisOutage } from "./outage";
export { boundedRedis, redisUnavailable } from "./bounded";
