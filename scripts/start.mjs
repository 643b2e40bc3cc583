// npm start: install what is missing, build, serve the page and print its URL.
import { buildAll } from './build.mjs';
import { serve } from './serve.mjs';

const dir = await buildAll();
const wanted = Number(process.env.PORT ?? 8080);
let server;
try {
  server = await serve({ dir, port: wanted });
} catch {
  server = await serve({ dir, port: 0 }); // 8080 taken: any free port
}
console.log(`\nAttention Pooling Lab is served at ${server.url}\n(Ctrl+C stops it)`);
