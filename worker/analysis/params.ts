import { analysisParamsOf } from "@/lib/schemas/analysis";
import { PermanentError } from "../jobs/types";
import type { Chunk } from "./plan";

/**
 * The chunk plan the analyze job stored with the analysis: chunk jobs and the finaliser read it instead
 * of planning again. An analysis without a readable plan cannot be finished, whatever the retry.
 */
export function chunkPlanOf(params: unknown): Chunk[] {
  try {
    return analysisParamsOf(params).plan;
  } catch (err) {
    throw new PermanentError((err as Error).message);
  }
}
