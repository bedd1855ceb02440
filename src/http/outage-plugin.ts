import type { ApolloServerPlugin } from '@apollo/server';
import { isDatabaseUnavailable } from '../common/database-errors';
import { OUTAGE_RETRY_AFTER_SECONDS } from './http-errors';

/**
 * A GraphQL response that failed because the database was unavailable is HTTP 503 with
 * Retry-After, so clients, proxies and load balancers know to try again (its errors say
 * INTERNAL_SERVER_ERROR with `retryable: true`).
 */
export const databaseOutagePlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ errors, response }) {
        if (!errors?.some((error) => isDatabaseUnavailable(error))) return;
        response.http.status = 503;
        response.http.headers.set('retry-after', String(OUTAGE_RETRY_AFTER_SECONDS));
      },
    };
  },
};
