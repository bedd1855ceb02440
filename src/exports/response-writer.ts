import type { Response } from 'express';

/** Thrown when the client went away mid-stream: the producer stops reading the database. */
export class ClientGoneError extends Error {
  constructor() {
    super('The client closed the connection');
  }
}

/** Writes a chunk, and when the socket's buffer is full waits for it to drain (or for the client to leave). */
export async function writeWithBackpressure(res: Response, chunk: string): Promise<void> {
  if (res.destroyed || res.writableEnded) throw new ClientGoneError();
  if (res.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const settle = (gone: boolean) => () => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      if (gone) reject(new ClientGoneError());
      else resolve();
    };
    const onDrain = settle(false);
    const onClose = settle(true);
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}
