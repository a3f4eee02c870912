// A failed live source's stored reason (worker/live: playlist, HTTP and decode errors) in plain words.
export interface LiveFailureHelp {
  reason: string;
  advice: string;
}

const RULES: [RegExp, LiveFailureHelp][] = [
  [
    /HTTP 40[134]|HTTP 410/,
    {
      reason: "The stream's server refused or no longer has the playlist.",
      advice: "Check the URL still plays (it may have expired or need a new token), then add it again.",
    },
  ],
  [
    /HTTP 5\d\d|ECONN|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|timed out/i,
    {
      reason: "The stream's server could not be reached.",
      advice: "Check the URL opens from the machine running Matchcut, then add the stream again.",
    },
  ],
  [
    /encrypted|byte-range|BYTERANGE/i,
    {
      reason: "This stream uses an HLS feature Matchcut cannot read (encryption or byte ranges).",
      advice: "Use an unencrypted HLS output of the same feed, then add it again.",
    },
  ],
  [
    /playlist|#EXT/i,
    {
      reason: "The URL does not give an HLS playlist Matchcut can follow.",
      advice: "Use the .m3u8 playlist URL of the stream (not a web page), then add it again.",
    },
  ],
  [
    /decoded|frames/i,
    {
      reason: "The stream's video could not be decoded.",
      advice: "Check the stream plays in a player; an H.264 variant works best.",
    },
  ],
];

export function liveFailureHelp(error: string | null | undefined): LiveFailureHelp {
  const raw = error ?? "";
  return (
    RULES.find(([re]) => re.test(raw))?.[1] ?? {
      reason: "Following the stream stopped with an error.",
      advice: "Add the stream again; if it fails the same way, ask an admin to look at the worker's log.",
    }
  );
}
