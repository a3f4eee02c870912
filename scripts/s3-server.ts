// The embedded S3-compatible server for single-machine installs. s3rver does NOT verify request
// signatures, so it listens on loopback only; any shared deployment must use a real S3 server
// (set S3_ENDPOINT, see README).
import S3rver from "s3rver";

const cors = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod><AllowedMethod>POST</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod><AllowedMethod>DELETE</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

const buckets = ["matchcut", "matchcut-test"];
const port = Number(process.argv[2] ?? 59000);

const server = new S3rver({
  address: "127.0.0.1",
  port,
  silent: true,
  directory: ".data/s3",
  configureBuckets: buckets.map((name) => ({ name, configs: [cors] })),
});

await server.run();
console.log(`s3rver listening on http://127.0.0.1:${port} (buckets: ${buckets.join(", ")})`);

const stop = () => void server.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
