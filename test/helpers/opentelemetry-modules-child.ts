/**
 * Run as a process of its own (test/observability/tracing.test.ts): loads the server's modules as
 * src/main.ts does, tracing first, then prints which OpenTelemetry modules Node loaded. The API
 * package (@opentelemetry/api, a no-op facade) does not count: prom-client loads it for exemplars.
 */
import '../../src/observability/start-tracing';
import '../../src/server';
import '../../src/db/database';

const files = Object.keys(require.cache);
const opentelemetry = files.filter((file) => file.includes('/node_modules/@opentelemetry/') && !file.includes('/@opentelemetry/api/'));
const serverLoaded = files.some((file) => file.includes('/node_modules/express/'));
process.stdout.write(`${JSON.stringify({ opentelemetryModules: opentelemetry.length, serverLoaded })}\n`);
