import { SingleBar } from 'cli-progress';

/** A progress bar on stderr for long commands; silent when stderr is not a terminal. */
export function progressBar(label: string, total: number): { tick(): void; stop(): void } {
  const bar = new SingleBar({
    format: `${label} [{bar}] {value}/{total} {percentage}% | {rate}/s | ETA {eta_formatted}`,
    stream: process.stderr,
    hideCursor: true,
  });
  const started = Date.now();
  bar.start(total, 0, { rate: '0' });
  return {
    tick() {
      const done = bar.getProgress() * total + 1;
      bar.increment(1, { rate: (done / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(1) });
    },
    stop: () => bar.stop(),
  };
}
