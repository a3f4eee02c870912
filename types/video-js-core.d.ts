// video.js ships types for its full build only; its core build (no HLS/DASH streaming) has the same API.
declare module "video.js/core" {
  import videojs from "video.js";
  export default videojs;
}
