/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and server-only packages stay out of the bundle and load from node_modules at run time.
  serverExternalPackages: [
    "@node-rs/argon2",
    "onnxruntime-node",
    "fluent-ffmpeg",
    "pino",
    "bullmq",
    "ioredis",
  ],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
