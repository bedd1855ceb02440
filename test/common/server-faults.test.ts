import type { AddressInfo } from 'node:net';
import express from 'express';
import { assignRequestId, logServerFaults } from '../../src/http/http-request';
import type { Logger } from '../../src/common/logger';

/** An app answering 500 without logging, as Apollo does when serialising an answer fails. */
async function serve(logger: Logger) {
  const app = express();
  app.use(assignRequestId(false));
  app.use(logServerFaults(logger));
  app.get('/masked', (_req, res) => void res.status(500).json({ errors: [{ message: 'Internal server error' }] }));
  app.get('/fine', (_req, res) => void res.json({ ok: true }));
  const server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

describe('server faults', () => {
  it('log every masked 500 under the request id the client sent', async () => {
    const error = jest.fn();
    const logger = { error, warn: jest.fn(), info: jest.fn(), debug: jest.fn() } as unknown as Logger;
    const app = await serve(logger);
    try {
      const masked = await fetch(`${app.url}/masked`, { headers: { 'x-request-id': 'req-abc.123' } });
      expect(masked.headers.get('x-request-id')).toBe('req-abc.123');
      await fetch(`${app.url}/fine`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(error).toHaveBeenCalledTimes(1);
      expect(error.mock.calls[0][0]).toMatchObject({ requestId: 'req-abc.123', status: 500 });
    } finally {
      app.close();
    }
  });
});
