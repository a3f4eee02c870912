export { enqueue, queueFor, closeQueues } from "./producer";
export { redisConnection, queuePrefix } from "./connection";
