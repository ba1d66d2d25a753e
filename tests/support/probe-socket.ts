import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitFor } from './wait-for.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const script = fileURLToPath(new URL('./probe-socket-main.ts', import.meta.url));

type Wrap = (command: string, args: readonly string[]) => { command: string; args: string[] };

export type ProbeEvent =
  | { event: 'open' }
  | { event: 'confirm' }
  | { event: 'close'; code: number }
  | { event: 'refused'; status: number }
  | { event: 'error'; message: string };

/** A socket client in a process of its own (probe-socket-main.ts), run through `wrap`. */
export interface ProbeSocket {
  events: ProbeEvent[];
  /** Sends one update; the relay's confirmation shows as a `confirm` event. */
  edit(): void;
  /** Resolves with the first event that matches, waiting up to `timeout` ms. */
  next<K extends ProbeEvent['event']>(
    kind: K,
    timeout?: number,
  ): Promise<Extract<ProbeEvent, { event: K }>>;
  kill(): void;
}

export function startProbeSocket(url: string, wrap: Wrap): ProbeSocket {
  const { command, args } = wrap(process.execPath, ['--import', 'tsx', script, url]);
  const child = spawn(command, args, { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  const events: ProbeEvent[] = [];
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) events.push(JSON.parse(line) as ProbeEvent);
  });
  return {
    events,
    edit: () => void child.stdin.write('edit\n'),
    next: (kind, timeout = 20_000) =>
      waitFor(
        () =>
          events.find((e): e is Extract<ProbeEvent, { event: typeof kind }> => e.event === kind),
        { timeout, what: `probe socket event ${kind}` },
      ),
    kill: () => void child.kill('SIGKILL'),
  };
}

/** GET `url` from a process run through `wrap`: its HTTP status, 0 if unreachable. */
export async function probeStatus(url: string, wrap: Wrap): Promise<number> {
  const code = `fetch(${JSON.stringify(url)}, { signal: AbortSignal.timeout(5000) }).then((r) => console.log(r.status), () => console.log(0))`;
  const { command, args } = wrap(process.execPath, ['-e', code]);
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  await new Promise((resolve) => child.once('exit', resolve));
  return Number(out.trim()) || 0;
}
