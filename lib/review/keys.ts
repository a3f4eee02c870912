// Review-room objects (job proxy). Kept beside lib/storage/keys.ts rather than in it (that file has
// another owner); same rule: keys are made from server-side ids only, under the video's prefix, so
// deleting a video removes them with everything else.
export const reviewKeys = {
  proxy: (videoId: string) => `videos/${videoId}/proxy/proxy.mp4`,
  shots: (videoId: string) => `videos/${videoId}/proxy/shots.json`,
  waveform: (videoId: string) => `videos/${videoId}/proxy/waveform.json`,
};
