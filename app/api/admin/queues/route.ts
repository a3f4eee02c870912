import { route } from "@/lib/api/handler";
import { queuesOverview } from "@/lib/queue";

// The operators' page (issue #17): every queue's counts, running jobs and recent failures.
export const GET = route({ role: "admin" }, () => queuesOverview());
