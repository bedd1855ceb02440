import 'reflect-metadata';
import { loadConfig } from './src/config';
import { createDataSource } from './src/db/data-source';

/**
 * The data source of the TypeORM migration CLI (`npm run migration:generate -- src/db/migrations/Name`).
 * It needs DATABASE_URL: a scratch database that has every committed migration applied.
 */
const { databaseUrl } = loadConfig();
if (databaseUrl === undefined) throw new Error('Set DATABASE_URL to a scratch PostgreSQL database to run the migration CLI');

export default createDataSource({ url: databaseUrl });
