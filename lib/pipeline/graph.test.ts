import { describe, expect, it } from "vitest";
import { jobIdOf, stageNext, startJob } from "./enqueue";
import { CPU_QUEUE, graph, INTERACTIVE_QUEUE, jobNames, queueOf, type JobName } from "./graph";

const vid = "8f0c2f4e-6a58-4c61-9d7b-0c8f2d5b9a11";
const aid = "1b7e3c9a-2d4f-4e6a-8b0c-3d5f7a9b1c2e";

describe("job graph", () => {
  it("has one node per job name, and every edge ends at a job", () => {
    expect(Object.keys(graph).sort()).toEqual([...jobNames].sort());
    for (const name of jobNames) {
      for (const next of graph[name].next) expect(jobNames).toContain(next);
    }
  });

  it("reaches every job from an entry point", () => {
    const seen = new Set<JobName>(jobNames.filter((n) => graph[n].entry.length > 0));
    for (let grew = true; grew;) {
      grew = false;
      for (const n of [...seen]) {
        for (const next of graph[n].next) if (!seen.has(next)) grew = Boolean(seen.add(next));
      }
    }
    expect([...seen].sort()).toEqual([...jobNames].sort());
  });

  it("reads upload → probe → analyze → finalize → clips as declared edges", () => {
    expect(graph.probe.entry).toContain("upload complete");
    expect(graph.probe.next).toContain("analyze");
    expect(graph.analyze.next).toEqual(["analyze-chunk", "analyze-finalize", "waveform", "proxy"]);
    expect(graph["analyze-finalize"].next).toEqual(["cut-clip", "notify", "filmstrip"]);
  });

  it("builds the deterministic ids the jobs were queued under before", () => {
    expect(jobIdOf("probe", { videoId: vid })).toBe(`${vid}:probe`);
    expect(jobIdOf("analyze-chunk", { analysisId: aid, index: 3 })).toBe(`${aid}:chunk:3`);
    expect(jobIdOf("cut-clip", { highlightId: vid, revision: 2 })).toBe(`${vid}:cut:2`);
    expect(jobIdOf("build-reel", { videoId: vid }, "n1")).toBe(`${vid}:reel:n1`);
    expect(jobIdOf("notify", { videoId: vid, analysisId: aid, event: "analysis.failed" })).toBe(
      `${aid}:notify:failed`,
    );
    expect(jobIdOf("live-poll", { liveSourceId: vid, tick: 7 })).toBe(`${vid}:poll:7`);
  });

  it("only mirrors progress onto the Video row for the jobs that make it ready", () => {
    const mirrored = jobNames.filter((n) => graph[n].videoProgress);
    expect(mirrored).toEqual(["probe", "analyze"]);
  });

  it("puts long heavy kinds in the CPU budget (analysis chunk by chunk > proxy/filmstrip) and the editors' work in a lane of its own", () => {
    const chunk = (index: number) => graph["analyze-chunk"].cpu!.priority({ analysisId: aid, index });
    const proxy = graph.proxy.cpu!.priority({ videoId: vid });
    // BullMQ takes the lowest number first; 0 would mean "no priority" (taken before all of these).
    expect(chunk(0)).toBeGreaterThan(0);
    expect(chunk(0)).toBeLessThan(chunk(1));
    expect(chunk(1e6)).toBeLessThan(proxy);
    expect(proxy).toBe(graph.filmstrip.cpu!.priority({ videoId: vid }));
    // issue #25: a proxy's pieces in order; the audio-only waveform beside a first chunk
    expect(graph.proxy.cpu!.priority({ videoId: vid, piece: 3 })).toBe(proxy + 3);
    expect(graph.waveform.cpu!.priority({ videoId: vid })).toBeLessThan(chunk(1));
    expect(jobIdOf("proxy", { videoId: vid, piece: 3 })).toBe(`${vid}:proxy:3`);
    expect(graph.proxy.cpu!.niceness).toBeGreaterThan(0);
    expect(graph["analyze-chunk"].cpu!.niceness).toBe(0);
    const inQueue = (q: string) => jobNames.filter((n) => graph[n].cpu?.queue === q);
    expect(inQueue(CPU_QUEUE)).toEqual(["analyze-chunk", "filmstrip", "proxy", "waveform"]);
    // issue #25: clip cuts, reels, live clips and re-scores never wait behind an encode or a chunk
    // issue #29: and the clips' crops to other aspects
    expect(inQueue(INTERACTIVE_QUEUE)).toEqual([
      "cut-clip",
      "reframe-clip",
      "build-reel",
      "live-clip",
      "rescore",
    ]);
    const editorCut = graph["cut-clip"].cpu!.priority({ highlightId: vid, revision: 1, editor: true });
    const autoCut = graph["cut-clip"].cpu!.priority({ highlightId: vid, revision: 0 });
    const reel = graph["build-reel"].cpu!.priority({ videoId: vid });
    const live = graph["live-clip"].cpu!.priority({ liveHighlightId: vid });
    const rescore = graph.rescore.cpu!.priority({ videoId: vid, versionId: null });
    expect(editorCut).toBeGreaterThan(0);
    expect(editorCut).toBe(reel);
    expect(editorCut).toBe(live);
    expect(editorCut).toBeLessThan(autoCut);
    expect(autoCut).toBeLessThan(rescore);
    expect(graph["cut-clip"].cpu!.niceness).toBe(0);
    const light = jobNames.filter((n) => graph[n].cpu === null);
    expect(light).toEqual([
      "probe",
      "analyze",
      "analyze-finalize",
      "notify",
      "deliver-webhook",
      "live-poll",
      "live-finalize",
      "purge-video",
      "janitor", // listing and deleting objects: S3 and database calls, no decoding
      "retrain",
    ]);
    expect(jobNames.filter((n) => queueOf(n) === CPU_QUEUE || queueOf(n) === INTERACTIVE_QUEUE)).toEqual(
      jobNames.filter((n) => !light.includes(n)),
    );
  });

  it("refuses an edge or an entry the graph does not declare, before anything is queued", async () => {
    // Casts stand for callers that get around the types (plain JS, a stale build).
    await expect(
      stageNext({} as never, "probe", [{ job: "cut-clip", data: { highlightId: vid, revision: 1 } }]),
    ).rejects.toThrow(/"probe" does not enqueue "cut-clip"/);
    expect(() => startJob({} as never, "upload complete" as never, "analyze", { videoId: vid })).toThrow(
      /"analyze" is not started by "upload complete"/,
    );
  });

  it("stages none of a handler's next jobs when one of them is not an edge from it", async () => {
    const staged: unknown[] = [];
    const client = { outboxJob: { create: async (row: unknown) => void staged.push(row) } } as never;
    await expect(
      stageNext(client, "probe", [
        { job: "analyze", data: { videoId: vid } },
        { job: "cut-clip", data: { highlightId: vid, revision: 1 } },
      ]),
    ).rejects.toThrow(/"probe" does not enqueue "cut-clip"/);
    expect(staged).toEqual([]);
    await stageNext(client, "janitor", [{ job: "janitor", data: { slot: 7 }, delayMs: 60_000 }]);
    expect(staged).toMatchObject([{ data: { name: "janitor", jobId: jobIdOf("janitor", { slot: 7 }) } }]);
  });
});
