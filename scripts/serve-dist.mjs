#!/usr/bin/env node
// Serves a built site (default dist/) on 127.0.0.1:8080 until interrupted, with the same static
// server the end-to-end tests use (correct MIME types, including application/wasm).
// Usage: node scripts/serve-dist.mjs [DIST] [HOST] [PORT]
import { startServer } from '../tests/e2e/helpers.mjs';

const [root = 'dist', host = '127.0.0.1', port = '8080'] = process.argv.slice(2);
try {
  const server = await startServer({ root, host, port: Number(port) });
  console.log(`Serving ${root}/ at ${server.url} (Ctrl+C stops)`);
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  console.error(`serve-dist: ${e.code === 'EADDRINUSE' ? `port ${port} on ${host} is already in use` : e.message}`);
  process.exit(1);
}
