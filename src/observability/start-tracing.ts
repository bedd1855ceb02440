import { loadConfig } from '../config';
import { startTracing, type Tracing } from './tracing';

/**
 * Imported first by the server's entry (src/main.ts, which cluster workers run too), so the
 * instrumentations are in place before express, pg and graphql load. A configuration that does not
 * validate starts no tracing here: main reports every bad variable and exits.
 */
function tracingFromEnvironment(): Tracing {
  let config;
  try {
    config = loadConfig();
  } catch {
    return startTracing({ enabled: false, serviceName: '' });
  }
  return startTracing(config.tracing);
}

export const tracing: Tracing = tracingFromEnvironment();
