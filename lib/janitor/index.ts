export { janitorReport, orphanReason, ORPHAN_GRACE_MS, type JanitorReport, type Orphan } from "./report";
export { runJanitor, janitorSlot, type JanitorResult } from "./run";
