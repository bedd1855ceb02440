// The benchmark peer: PostGraphile 4 over Verbatim's database (npm run bench:compare starts it).
// Benchmark only, not part of the app. Connects as DATABASE_URL's role (the superuser in the
// bench), so row-level security does not apply; every seeded claim is PUBLIC, so it sees the
// rows Verbatim's viewer sees. Exposes `public` and `bench_peer` (search and count functions the
// compare script creates, as a PostGraphile user would add them).
'use strict';
const http = require('node:http');
const path = require('node:path');
const { postgraphile } = require('postgraphile');
const { makePgSmartTagsFromFilePlugin } = require('postgraphile/plugins');
const PgSimplifyInflectorPlugin = require('@graphile-contrib/pg-simplify-inflector');
const ConnectionFilterPlugin = require('postgraphile-plugin-connection-filter');

const middleware = postgraphile(process.env.DATABASE_URL, ['public', 'bench_peer'], {
  appendPlugins: [
    PgSimplifyInflectorPlugin,
    ConnectionFilterPlugin,
    makePgSmartTagsFromFilePlugin(path.join(__dirname, 'postgraphile.tags.json5')),
  ],
  graphqlRoute: '/graphql',
  graphiql: false,
  disableQueryLog: true,
  dynamicJson: true,
  setofFunctionsContainNulls: false,
  legacyRelations: 'omit',
  retryOnInitFail: false,
  watchPg: false,
});

const server = http.createServer(middleware);
server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  process.stdout.write(`PostGraphile listening on ${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
