import { FlowProducer } from "bullmq";
import { nodeOf, queueOf, type JobName, type JobPayload } from "../pipeline/graph";
import { queuePrefix, redisConnection } from "./connection";
import { retryOptions, safeJobId, slotOptions } from "./options";

const holder = globalThis as unknown as { matchcutFlows?: FlowProducer };

interface FlowChild<N extends JobName> {
  name: N;
  data: JobPayload<N>;
  jobId: string;
}

/**
 * A parent job that runs once all its children are done (BullMQ flow). Any worker on any machine can
 * take a child; a child that fails for good fails the parent, whose onFailed hook reports it.
 */
export async function enqueueFlow<P extends JobName, C extends JobName>(
  parent: FlowChild<P>,
  children: FlowChild<C>[],
): Promise<void> {
  holder.matchcutFlows ??= new FlowProducer({
    connection: redisConnection("producer"),
    prefix: queuePrefix(),
  });
  await holder.matchcutFlows.add({
    name: parent.name,
    queueName: queueOf(parent.name),
    data: nodeOf(parent.name).schema.parse(parent.data),
    opts: {
      jobId: safeJobId(parent.jobId),
      ...retryOptions(parent.name),
      ...slotOptions(parent.name, parent.data),
    },
    children: children.map((c) => ({
      name: c.name,
      queueName: queueOf(c.name),
      data: nodeOf(c.name).schema.parse(c.data),
      opts: {
        jobId: safeJobId(c.jobId),
        ...retryOptions(c.name),
        ...slotOptions(c.name, c.data),
        failParentOnFailure: true,
        removeOnComplete: 1000,
        removeOnFail: 1000,
      },
    })),
  });
}

export async function closeFlows(): Promise<void> {
  await holder.matchcutFlows?.close();
  holder.matchcutFlows = undefined;
}
