export { enqueue, queueFor, closeQueues } from "./producer";
export { redisConnection, queuePrefix } from "./connection";
export { enqueueFlow, closeFlows } from "./flows";
