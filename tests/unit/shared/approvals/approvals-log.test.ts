import { createHash } from 'node:crypto';
import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../shared/approvals/canonical-json.js';
import {
  appendEntry,
  ed25519Signer,
  EMPTY_LOG,
  entryHash,
  GENESIS_HASH,
  signedMessage,
  verifyLog,
  type ApprovalLog,
  type LogEntry,
  type RelaySigner,
} from '../../../../shared/approvals/log.js';
import type { Action } from '../../../../shared/approvals/state.js';
import { nodeCheck, nodeSigner } from '../../../support/node-ed25519.js';
import { ccStep, step, submit } from './request-fixture.js';

const seed = (n: number) => Uint8Array.from({ length: 32 }, (_, i) => (i * 7 + n) % 256);
const relay = nodeSigner(seed(1));
const attacker = nodeSigner(seed(2));
const at = (i: number) => new Date(Date.UTC(2025, 2, 10) + i * 1000).toISOString();

function append(log: ApprovalLog, action: Action, actor: string, signer: RelaySigner = relay) {
  return appendEntry(log, { requestId: 'r1', actor, at: at(log.entries.length), action }, signer);
}

function build(...steps: [Action, string][]): ApprovalLog {
  let log = EMPTY_LOG;
  for (const [action, actor] of steps) {
    const appended = append(log, action, actor);
    if (!('ok' in appended))
      throw new Error(`${action.kind} by ${actor}: ${appended.refused.code}`);
    log = appended.ok.log;
  }
  return log;
}

/** An entry as a device would receive it: JSON, with its hash and signature redone as given. */
function reseal(entry: Omit<LogEntry, 'hash' | 'relaySig'>, signer: RelaySigner): LogEntry {
  const hash = entryHash(entry);
  return {
    ...entry,
    hash,
    relaySig: Buffer.from(signer.sign(signedMessage(hash))).toString('hex'),
  };
}

const unseal = ({ seq, requestId, kind, actor, at, body, prevHash }: LogEntry) => ({
  seq,
  requestId,
  kind,
  actor,
  at,
  body,
  prevHash,
});
const wire = (entries: readonly LogEntry[]) => JSON.parse(JSON.stringify(entries)) as LogEntry[];
const ROUTE = [step('m', 'sequential', 'wh'), step('f', 'any', 'fh1', 'fh2')];

describe('approval log', () => {
  it('[APPR24] canonical JSON sorts keys by UTF-16 code units, drops undefined keys, refuses what JSON cannot carry', () => {
    expect(
      canonicalJson({ b: [1, 'x', null, { d: true, c: 0.5 }], a: undefined, B: -0, é: 'é' }),
    ).toBe('{"B":0,"b":[1,"x",null,{"c":0.5,"d":true}],"é":"é"}');
    expect(canonicalJson({ '\u{1F600}': 1, '\uFFFF': 2 })).toBe('{"\u{1F600}":1,"\uFFFF":2}');
    expect(() => canonicalJson({ a: NaN })).toThrow(/NaN/);
    expect(() => canonicalJson([undefined])).toThrow(/undefined/);
    expect(() => canonicalJson({ d: new Date(0) })).toThrow(/non-plain/);
  });

  it('[APPR24] [APPR25] the hash covers exactly the tagged canonical bytes and the relay signs tag + hash', () => {
    const log = build([submit(ROUTE), 'dev'], [{ kind: 'approve', comment: 'ok' }, 'wh']);
    const entry = log.entries[1] as LogEntry;
    const text = `{"actor":"wh","at":"${entry.at}","body":{"comment":"ok"},"kind":"approve","prevHash":"${log.entries[0]?.hash}","requestId":"r1","seq":1}`;
    const expected = createHash('sha256').update(`ws-approval-entry/v1\n${text}`).digest('hex');
    expect(entry.hash).toBe(expected);
    expect(log.entries[0]?.prevHash).toBe(GENESIS_HASH);
    const message = Buffer.concat([
      Buffer.from('ws-approval-sig/v1\n'),
      Buffer.from(expected, 'hex'),
    ]);
    // node:crypto signs, @noble/curves verifies (and the other way round): two implementations agree.
    expect(verifyLog(wire(log.entries), relay.publicKey)).toMatchObject({
      ok: { status: 'pending' },
    });
    const noble = ed25519Signer(seed(1));
    expect(noble.publicKey).toEqual(relay.publicKey);
    expect(nodeCheck(noble.sign(message), message, relay.publicKey)).toBe(true);
  });

  it('[APPR28] each way a log breaks is reported at the first entry that fails', () => {
    const log = build(
      [submit(ROUTE), 'dev'],
      [{ kind: 'comment', text: 'hi' }, 'dev'],
      [{ kind: 'approve' }, 'wh'],
      [{ kind: 'approve' }, 'fh2'],
    );
    const e = wire(log.entries);
    const unsealed = (i: number) => unseal(e[i] as LogEntry);
    const broken = (entries: unknown[]) => {
      const result = verifyLog(entries, relay.publicKey);
      return 'broken' in result ? [result.broken.seq, result.broken.reason] : ['ok'];
    };
    expect(broken(e)).toEqual(['ok']);
    expect(broken([])).toEqual([0, 'empty']);
    expect(broken([e[0], { ...e[1], extra: 1 }])).toEqual([1, 'malformed']);
    expect(broken([e[0], e[1], e[1], e[2]])).toEqual([2, 'seq']);
    expect(broken([e[0], e[2], e[1]])).toEqual([1, 'seq']);
    expect(broken([e[0], e[1], e[3]])).toEqual([2, 'seq']);
    expect(broken([e[0], { ...e[1], body: { text: 'bye' } }])).toEqual([1, 'hash']);
    expect(broken([e[0], reseal({ ...unsealed(1), body: { text: 'bye' } }, attacker)])).toEqual([
      1,
      'signature',
    ]);
    expect(broken([e[0], reseal({ ...unsealed(1), requestId: 'r2' }, relay)])).toEqual([
      1,
      'request',
    ]);
    expect(
      broken([e[0], e[1], reseal({ ...unsealed(2), prevHash: e[0]?.hash ?? '' }, relay)]),
    ).toEqual([2, 'chain']);
    expect(broken([e[0], reseal({ ...unsealed(1), actor: 'stranger' }, relay)])).toEqual([
      1,
      'refused',
    ]);
    expect(
      broken([e[0], reseal({ ...unsealed(1), body: { text: 'hi', approved: true } }, relay)]),
    ).toEqual([1, 'malformed']);
    // A body naming another kind: the entry says "comment", the state machine must not run an approve.
    expect(broken([e[0], reseal({ ...unsealed(1), body: { kind: 'approve' } }, relay)])).toEqual([
      1,
      'malformed',
    ]);
    // A prefix verifies: freshness (are there later entries?) is the relay's to tell.
    expect(broken(e.slice(0, 2))).toEqual(['ok']);
  });

  it('[APPR26] [APPR27] the relay refuses what the state machine refuses and leaves the log as it was', () => {
    const log = build(
      [submit(ROUTE), 'dev'],
      [{ kind: 'approve' }, 'wh'],
      [{ kind: 'approve' }, 'fh1'],
    );
    const late = append(log, { kind: 'approve' }, 'fh2');
    expect(late).toMatchObject({ refused: { code: 'already_decided' } });
    expect(append(log, { kind: 'approve', sneaky: 1 } as unknown as Action, 'fh2')).toMatchObject({
      refused: { code: 'malformed' },
    });
    expect(log.entries).toHaveLength(3);
    expect(verifyLog(wire(log.entries), relay.publicKey)).toEqual({ ok: log.state });
  });
});

/**
 * A reference model of who may do what, written from APPROVALS.md without the state
 * machine's code, to say which random actions the relay must accept.
 */
type ModelStep = { approve: boolean; mode: string; ids: string[] };
class Model {
  route: ModelStep[];
  done: string[][];
  cur = 0;
  status = 'pending';
  decided = false;
  everyone: Set<string>;
  constructor(
    readonly submitter: string,
    route: ModelStep[],
  ) {
    this.route = route;
    this.done = route.map(() => []);
    this.everyone = new Set([submitter, ...route.flatMap((s) => s.ids)]);
    this.moveTo(0);
  }
  moveTo(i: number) {
    while (i < this.route.length && !this.route[i]?.approve) i++;
    this.cur = i;
    if (i >= this.route.length) this.status = 'approved';
  }
  mayDecide(actor: string): boolean {
    const s = this.route[this.cur];
    if (this.status !== 'pending' || !s) return false;
    const done = this.done[this.cur] ?? [];
    if (s.mode === 'sequential') return s.ids[done.length] === actor;
    return s.ids.includes(actor) && !done.includes(actor);
  }
  valid(a: Action, actor: string): boolean {
    const onStep = this.route[this.cur]?.ids ?? [];
    const target = a.kind === 'transfer' ? a.to : a.kind === 'addApprover' ? a.personId : '';
    switch (a.kind) {
      case 'submit':
        return false;
      case 'approve':
      case 'reject':
        return this.mayDecide(actor);
      case 'return':
        return (
          this.mayDecide(actor) &&
          (a.toStep === undefined || (a.toStep < this.cur && !!this.route[a.toStep]?.approve))
        );
      case 'transfer':
      case 'addApprover':
        return this.mayDecide(actor) && target !== this.submitter && !onStep.includes(target);
      case 'withdraw':
        return (
          actor === this.submitter &&
          ((this.status === 'pending' && !this.decided) || this.status === 'returned')
        );
      case 'resubmit':
        return actor === this.submitter && this.status === 'returned';
      case 'comment':
        return this.everyone.has(actor);
      case 'urge':
        return actor === this.submitter && this.status === 'pending';
      case 'reroute': // never generated here: approvals-reroute.test.ts has its rules
        return false;
    }
  }
  apply(a: Action, actor: string) {
    const s = this.route[this.cur];
    this.everyone.add(actor);
    if (a.kind === 'approve' && s) {
      this.done[this.cur]?.push(actor);
      this.decided = true;
      if (s.mode === 'any' || this.done[this.cur]?.length === s.ids.length)
        this.moveTo(this.cur + 1);
    } else if (a.kind === 'reject') [this.status, this.decided] = ['rejected', true];
    else if (a.kind === 'return') {
      this.decided = true;
      if (a.toStep === undefined) this.status = 'returned';
      else {
        for (let i = a.toStep; i < this.done.length; i++) this.done[i] = [];
        this.cur = a.toStep;
      }
    } else if (a.kind === 'transfer' && s) {
      s.ids[s.ids.indexOf(actor)] = a.to;
      this.everyone.add(a.to);
    } else if (a.kind === 'addApprover') {
      const i = a.position === 'before' ? this.cur : this.cur + 1;
      this.route.splice(i, 0, { approve: true, mode: 'sequential', ids: [a.personId] });
      this.done.splice(i, 0, []);
      this.everyone.add(a.personId);
    } else if (a.kind === 'withdraw') this.status = 'withdrawn';
  }
}

const PEOPLE = ['dev', 'p1', 'p2', 'p3', 'p4', 'p5', 'stranger'];
const MODES = ['sequential', 'all', 'any'] as const;

function randomRoute(gen: prng.PRNG) {
  const pool = PEOPLE.slice(1, 6);
  return Array.from({ length: prng.int32(gen, 1, 4) }, (_, i) => {
    const ids = [...pool].sort(() => prng.real53(gen) - 0.5).slice(0, prng.int32(gen, 1, 3));
    return prng.int32(gen, 0, 5) === 0
      ? ccStep(`c${i}`, ...ids)
      : step(`s${i}`, prng.oneOf(gen, [...MODES]), ...ids);
  });
}

function randomAction(gen: prng.PRNG, model: Model): Action {
  const person = () => prng.oneOf(gen, [...PEOPLE, 'p6']);
  switch (prng.int32(gen, 0, 9)) {
    case 0:
      return { kind: 'approve', comment: prng.word(gen) };
    case 1:
      return { kind: 'reject' };
    case 2: {
      const toStep = prng.int32(gen, -1, model.route.length);
      return toStep < 0 ? { kind: 'return' } : { kind: 'return', toStep };
    }
    case 3:
      return { kind: 'transfer', to: person() };
    case 4:
      return {
        kind: 'addApprover',
        personId: person(),
        position: prng.bool(gen) ? 'before' : 'after',
      };
    case 5:
      return { kind: 'withdraw' };
    case 6:
      return submit(randomRoute(gen), { n: prng.int32(gen, 0, 9) }, 'resubmit');
    case 7:
      return { kind: 'comment', text: prng.word(gen, 1, 8) };
    case 8:
      return { kind: 'urge' };
    default:
      return submit(randomRoute(gen));
  }
}

/** The actor: usually someone who may act now (honest), else anyone (often the wrong person). */
function randomActor(gen: prng.PRNG, model: Model, action: Action): string {
  const honest = PEOPLE.filter((p) => model.valid(action, p));
  return honest.length > 0 && prng.int32(gen, 0, 2) > 0
    ? prng.oneOf(gen, honest)
    : prng.oneOf(gen, PEOPLE);
}

type Attack = (
  e: LogEntry[],
  gen: prng.PRNG,
) => { entries: unknown[]; seq: number; reason: string } | null;

const ATTACKS: Record<string, Attack> = {
  replayed: (e, gen) => {
    const k = prng.int32(gen, 0, e.length - 1);
    return { entries: [...e.slice(0, k + 1), e[k], ...e.slice(k + 1)], seq: k + 1, reason: 'seq' };
  },
  reordered: (e, gen) => {
    if (e.length < 2) return null;
    const k = prng.int32(gen, 0, e.length - 2);
    return {
      entries: [...e.slice(0, k), e[k + 1], e[k], ...e.slice(k + 2)],
      seq: k,
      reason: 'seq',
    };
  },
  dropped: (e, gen) => {
    if (e.length < 2) return null;
    const k = prng.int32(gen, 0, e.length - 2);
    return { entries: [...e.slice(0, k), ...e.slice(k + 1)], seq: k, reason: 'seq' };
  },
  tamperedBody: (e, gen) => {
    const k = prng.int32(gen, 0, e.length - 1);
    const entry = e[k] as LogEntry;
    return {
      entries: e.with(k, { ...entry, body: { ...entry.body, x: 1 } }),
      seq: k,
      reason: 'hash',
    };
  },
  tamperedActor: (e, gen) => {
    const k = prng.int32(gen, 0, e.length - 1);
    return { entries: e.with(k, { ...(e[k] as LogEntry), actor: 'p5x' }), seq: k, reason: 'hash' };
  },
  forgedSignature: (e, gen) => {
    const k = prng.int32(gen, 0, e.length - 1);
    return {
      entries: e.with(k, reseal(unseal(e[k] as LogEntry), attacker)),
      seq: k,
      reason: 'signature',
    };
  },
  forgedEntry: (e) => {
    const last = e.at(-1) as LogEntry;
    const forged = reseal(
      { ...unseal(last), seq: e.length, kind: 'comment', body: { text: 'x' }, prevHash: last.hash },
      attacker,
    );
    return { entries: [...e, forged], seq: e.length, reason: 'signature' };
  },
  stalePrevHash: (e, gen) => {
    if (e.length < 2) return null;
    const k = prng.int32(gen, 1, e.length - 1);
    const stale = reseal(
      { ...unseal(e[k] as LogEntry), prevHash: (e[k - 1] as LogEntry).prevHash },
      relay,
    );
    return { entries: e.with(k, stale), seq: k, reason: 'chain' };
  },
  signedButIllegal: (e) => {
    const last = e.at(-1) as LogEntry;
    const illegal = reseal(
      {
        ...unseal(last),
        seq: e.length,
        kind: 'approve',
        actor: 'stranger',
        body: {},
        prevHash: last.hash,
      },
      relay,
    );
    return { entries: [...e, illegal], seq: e.length, reason: 'refused' };
  },
};

describe('approval log, seeded random run', () => {
  it('[APPR26] [APPR28] 10,000 honest and malicious operations: the relay accepts exactly the valid ones, devices agree, tampering is caught', () => {
    const gen = prng.create(15_2025);
    const counts = {
      accepted: 0,
      refused: 0,
      races: 0,
      requests: 0,
      attacks: {} as Record<string, number>,
    };
    let ops = 0;
    while (ops < 10_000) {
      const first = submit(randomRoute(gen));
      let log = build([first, 'dev']);
      ops++;
      const route = first.kind === 'submit' ? first.route : [];
      const model = new Model(
        'dev',
        route.map((s) => ({
          approve: s.kind === 'approve',
          mode: s.kind === 'approve' ? s.mode : 'cc',
          ids: s.kind === 'approve' ? s.approvers.map((a) => a.id) : s.recipients,
        })),
      );
      counts.requests++;
      for (let n = 0; n < 40 && ops < 10_000; n++, ops++) {
        // Honest turns look for an action someone may take; the others take any.
        let action = randomAction(gen, model);
        for (
          let tries = 0;
          prng.bool(gen) && tries < 6 && !PEOPLE.some((p) => model.valid(action, p));
          tries++
        ) {
          action = randomAction(gen, model);
        }
        const actor = randomActor(gen, model, action);
        const step = model.route[model.cur];
        const raceLoser =
          action.kind === 'approve' && step?.mode === 'any' && step.ids.find((id) => id !== actor);
        const expected = model.valid(action, actor);
        const appended = append(log, action, actor);
        expect('ok' in appended, `${action.kind} by ${actor} at op ${ops}`).toBe(expected);
        if (!('ok' in appended)) {
          counts.refused++;
          continue;
        }
        counts.accepted++;
        log = appended.ok.log;
        if (action.kind === 'resubmit') {
          model.route = action.route.map((s) => ({
            approve: s.kind === 'approve',
            mode: s.kind === 'approve' ? s.mode : 'cc',
            ids: s.kind === 'approve' ? s.approvers.map((a) => a.id) : s.recipients,
          }));
          model.done = model.route.map(() => []);
          [model.status, model.decided] = ['pending', false];
          for (const s of model.route) for (const id of s.ids) model.everyone.add(id);
          model.moveTo(0);
        } else model.apply(action, actor);
        // The other approver of an any-step, acting at the same moment, is told it was decided.
        if (raceLoser && expected && !model.mayDecide(raceLoser)) {
          const second = append(log, { kind: 'approve' }, raceLoser);
          expect('refused' in second && second.refused.code).toBe('already_decided');
          counts.races++;
          ops++;
        }
      }
      const entries = wire(log.entries);
      expect(verifyLog(entries, relay.publicKey, nodeCheck)).toEqual({ ok: log.state });
      const name = prng.oneOf(gen, Object.keys(ATTACKS));
      const attack = ATTACKS[name]?.(entries, gen);
      if (!attack) continue;
      const result = verifyLog(attack.entries, relay.publicKey, nodeCheck);
      expect('broken' in result && [result.broken.seq, result.broken.reason], name).toEqual([
        attack.seq,
        attack.reason,
      ]);
      counts.attacks[name] = (counts.attacks[name] ?? 0) + 1;
    }
    // The run must exercise both sides and every attack, or it proves little.
    expect(counts.accepted).toBeGreaterThan(1500);
    expect(counts.refused).toBeGreaterThan(2000);
    expect(counts.races).toBeGreaterThan(5);
    expect(Object.keys(counts.attacks).sort()).toEqual(Object.keys(ATTACKS).sort());
  });
});
