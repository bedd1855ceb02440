// Preloaded (`node -r`) into each server bench:compare starts: counts the statements the
// process sends through `pg` (round trips; a multi-statement string counts once). On SIGUSR2
// it writes {seq, queries, cpuMicros, rss} to $BENCH_STATS_FILE. BENCH_LOG_QUERIES=1 prints each statement to stderr. Benchmark only.
'use strict';
const fs = require('node:fs');
const pg = require(require.resolve('pg', { paths: [process.cwd()] }));
let queries = 0;
const logQueries = process.env.BENCH_LOG_QUERIES === '1';
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(...args) {
  queries += 1;
  if (logQueries) process.stderr.write(`[query] ${typeof args[0] === 'string' ? args[0] : args[0] && args[0].text}\n`);
  return query.apply(this, args);
};
const file = process.env.BENCH_STATS_FILE;
let seq = 0;
if (file) {
  process.on('SIGUSR2', () => {
    seq += 1;
    const cpu = process.cpuUsage();
    fs.writeFileSync(file, JSON.stringify({ seq, queries, cpuMicros: cpu.user + cpu.system, rss: process.memoryUsage().rss }));
  });
}
