import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { isDatabaseUnavailable } from '../../src/common/database-errors';

const pgError = (code: string, message = 'x'): Error => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a pool that waited too long for a connection', new Error('timeout exceeded when trying to connect')],
    ['a connection lost mid-query', new Error('Connection terminated unexpectedly')],
    ['a server shutting down (57P01), wrapped by TypeORM', new QueryFailedError('SELECT 1', [], pgError('57P01'))],
    ['a server starting up (57P03)', pgError('57P03')],
    ['too many connections (53300)', pgError('53300')],
    ['a connection exception (class 08)', pgError('08006')],
    ['both addresses of localhost refused (AggregateError)', new AggregateError([pgError('ECONNREFUSED')], 'connect failed')],
    ['a transaction whose connection was lost and handed back by TypeORM', new QueryRunnerAlreadyReleasedError()],
    ['a transaction whose runner lost its connection, seen by EntityManager.query', new QueryRunnerProviderAlreadyReleasedError()],
    [
      'a value thrown from another realm, wrapped by GraphQL',
      Object.assign(new Error('Unexpected error value'), { thrownValue: pgError('ECONNRESET') }),
    ],
  ])('says yes for %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', new QueryFailedError('INSERT', [], pgError('23505'))],
    ['a statement timeout (retrying would time out again)', pgError('57014', 'canceling statement due to statement timeout')],
    ['a syntax error', pgError('42601')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['nothing at all', undefined],
  ])('says no for %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
