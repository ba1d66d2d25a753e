import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * A network namespace joined to this host by a veth pair, so that a process run
 * inside it (a relay) reaches servers on the host (PostgreSQL, Redis) only through
 * a link that can be made lossy or cut. Only this machine's own namespaces are ever
 * touched; nothing leaves the host.
 *
 * Faults are nftables rules inside the namespace, dropping real packets in the
 * kernel. `tc netem` would also give delay, but this machine's kernel is built
 * without the netem qdisc ("Specified qdisc kind is unknown"), so delay is not offered.
 *
 * The caller destroys it (push `destroy` onto the test's cleanup steps); a namespace
 * left by a test process that died is removed by the next one.
 *
 * Needs root, Debian's iproute2 (`ip`) and nftables (`nft`); without them it throws, naming
 * what is missing, rather than letting a fault test pass without faults.
 */
export interface NetNamespace {
  name: string;
  /** The host end's address: what a process inside the namespace dials to reach the host. */
  hostAddress: string;
  /** The namespace end's address: what the host dials to reach a server inside. */
  innerAddress: string;
  /** Arguments that run `command` inside the namespace (prefix for spawn). */
  wrap(command: string, args: readonly string[]): { command: string; args: string[] };
  /**
   * Drops every `nth` packet each way (a counter, not a dice roll, so that a test
   * sees the same loss every run); `heal()` removes it.
   */
  loseEvery(nth: number): void;
  /** Drops every packet both ways: TCP peers see silence, not a reset. */
  partition(): void;
  /**
   * Drops every packet to and from one TCP port of the host (one server, say
   * PostgreSQL), leaving the rest of the link up.
   */
  cutPort(port: number): void;
  heal(): void;
  /** Packets the current fault dropped so far (0 when none is set). */
  dropped(): number;
  destroy(): void;
}

const PREFIX = 'wsns';
let counter = 0;

// `ip` and `nft` live in /usr/sbin and /sbin, which a CI runner's PATH may leave out.
const env = { ...process.env, PATH: `${process.env.PATH ?? ''}:/usr/sbin:/sbin` };

/** `ip` by its full path, for callers that spawn it with their own PATH. */
const IP =
  ['/usr/sbin/ip', '/sbin/ip', '/usr/bin/ip', '/bin/ip'].find((path) => existsSync(path)) ?? 'ip';

function run(args: readonly string[]): string {
  return execFileSync(args[0]!, args.slice(1), {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
}

function requireTools(): void {
  if (process.getuid?.() !== 0) {
    throw new Error('network fault tests need root (network namespaces and nftables)');
  }
  for (const tool of ['ip', 'nft']) {
    try {
      run(['sh', '-c', `command -v ${tool}`]);
    } catch {
      throw new Error(
        `network fault tests need \`${tool}\` (Debian's iproute2 and nftables packages)`,
      );
    }
  }
}

/** Removes namespaces left by test processes that died without cleaning up. */
function sweepStale(): void {
  const listed = run(['ip', 'netns', 'list']);
  for (const line of listed.split('\n')) {
    const name = line.split(' ')[0] ?? '';
    const match = new RegExp(`^${PREFIX}(\\d+)x\\d+$`).exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    let alive = true;
    try {
      process.kill(pid, 0);
    } catch {
      alive = false;
    }
    if (!alive) {
      try {
        run(['ip', 'netns', 'del', name]);
      } catch {
        // Already gone.
      }
    }
  }
}

export function createNetNamespace(): NetNamespace {
  requireTools();
  sweepStale();
  counter += 1;
  // Interface names are limited to 15 characters; the subnet is picked per namespace.
  const id = `${process.pid}x${counter}`;
  const name = `${PREFIX}${id}`;
  const subnet = 1 + ((process.pid * 7 + counter) % 250);
  const hostIf = `vh${id}`.slice(0, 15);
  const innerIf = `vi${id}`.slice(0, 15);
  const hostAddress = `10.213.${subnet}.1`;
  const innerAddress = `10.213.${subnet}.2`;
  const inside = (args: string[]) => run(['ip', 'netns', 'exec', name, ...args]);
  run(['ip', 'netns', 'add', name]);
  try {
    run(['ip', 'link', 'add', hostIf, 'type', 'veth', 'peer', 'name', innerIf]);
    run(['ip', 'link', 'set', innerIf, 'netns', name]);
    run(['ip', 'addr', 'add', `${hostAddress}/30`, 'dev', hostIf]);
    run(['ip', 'link', 'set', hostIf, 'up']);
    inside(['ip', 'addr', 'add', `${innerAddress}/30`, 'dev', innerIf]);
    inside(['ip', 'link', 'set', innerIf, 'up']);
    inside(['ip', 'link', 'set', 'lo', 'up']);
  } catch (error) {
    run(['ip', 'netns', 'del', name]);
    throw error;
  }
  let destroyed = false;
  let filtered = false;
  // Both directions: what the namespace sends (output) and what it receives (input).
  const filter = (rule: string[], only?: { output: string[]; input: string[] }) => {
    namespace.heal();
    inside(['nft', 'add', 'table', 'inet', 'faults']);
    for (const hook of ['input', 'output']) {
      inside([
        'nft',
        'add',
        'chain',
        'inet',
        'faults',
        hook,
        `{ type filter hook ${hook} priority 0; }`,
      ]);
      inside([
        'nft',
        'add',
        'rule',
        'inet',
        'faults',
        hook,
        'iifname',
        '!=',
        'lo',
        'oifname',
        '!=',
        'lo',
        ...(only ? only[hook as 'input' | 'output'] : []),
        ...rule,
      ]);
    }
    filtered = true;
  };
  const namespace: NetNamespace = {
    name,
    hostAddress,
    innerAddress,
    wrap: (command, args) => ({ command: IP, args: ['netns', 'exec', name, command, ...args] }),
    loseEvery(nth) {
      filter(['numgen', 'inc', 'mod', String(nth), '==', '0', 'counter', 'drop']);
    },
    partition() {
      filter(['counter', 'drop']);
    },
    cutPort(port) {
      filter(['counter', 'drop'], {
        output: ['ip', 'daddr', hostAddress, 'tcp', 'dport', String(port)],
        input: ['ip', 'saddr', hostAddress, 'tcp', 'sport', String(port)],
      });
    },
    dropped() {
      if (!filtered) return 0;
      const listed = inside(['nft', 'list', 'table', 'inet', 'faults']);
      return [...listed.matchAll(/counter packets (\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
    },
    heal() {
      if (!filtered) return;
      inside(['nft', 'delete', 'table', 'inet', 'faults']);
      filtered = false;
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      // Deleting the namespace deletes its veth end, and with it the host's end.
      run(['ip', 'netns', 'del', name]);
    },
  };
  return namespace;
}
