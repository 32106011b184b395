/**
 * Worker processes (`runWorker`) get their spec as JSON on standard input: a command-line argument is
 * limited to 128 KiB, which tier M's list of B2 targets (2,000 post paths) exceeds (`spawn E2BIG`).
 */
export const SPEC_FLAG = '--spec-stdin';

/** True in a process started by `runWorker`. */
export function startedAsWorker(): boolean {
  return process.argv[2] === SPEC_FLAG;
}

export async function readWorkerSpec<T>(): Promise<T> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as T;
}
