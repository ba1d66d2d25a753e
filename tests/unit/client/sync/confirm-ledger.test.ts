import { describe, expect, it } from 'vitest';
import { ConfirmLedger } from '../../../../client/src/sync/confirm-ledger.js';

/** A local edit the provider sends at once as an update frame, as y-websocket does. */
function editOnline(
  ledger: ConfirmLedger,
  connection: ReturnType<ConfirmLedger['openConnection']>,
) {
  ledger.localTransaction();
  connection.recordSent('update');
}

describe('ConfirmLedger', () => {
  it('counts local transactions as pending until their frame is confirmed', () => {
    const ledger = new ConfirmLedger();
    const conn = ledger.openConnection();
    conn.recordSent('step2');
    editOnline(ledger, conn);
    editOnline(ledger, conn);
    expect(ledger.pending).toBe(2);
    expect(conn.confirm(2)).toBe(true); // step2 + first update
    expect(ledger.pending).toBe(1);
    expect(conn.confirm(3)).toBe(true);
    expect(ledger.pending).toBe(0);
  });

  it('[CONFIRM1] the step 2 sent on connect confirms every offline edit', () => {
    const ledger = new ConfirmLedger();
    ledger.localTransaction();
    ledger.localTransaction();
    ledger.localTransaction();
    const conn = ledger.openConnection();
    conn.recordSent('step2');
    expect(ledger.pending).toBe(3);
    conn.confirm(1);
    expect(ledger.pending).toBe(0);
  });

  it('an update sent before step 2 after offline edits does not confirm the earlier edits', () => {
    const ledger = new ConfirmLedger();
    ledger.localTransaction(); // offline, never sent
    const conn = ledger.openConnection();
    editOnline(ledger, conn); // socket open, relay's step 1 not answered yet
    conn.confirm(1);
    expect(ledger.pending).toBe(2);
    conn.recordSent('step2');
    conn.confirm(2);
    expect(ledger.pending).toBe(0);
  });

  it('an edit made while the socket was still connecting leaves a gap only step 2 closes', () => {
    const ledger = new ConfirmLedger();
    const conn = ledger.openConnection();
    ledger.localTransaction(); // provider not connected yet: not sent
    editOnline(ledger, conn);
    conn.confirm(1);
    expect(ledger.pending).toBe(2);
  });

  it('frames of remote or storage transactions do not advance the count', () => {
    const ledger = new ConfirmLedger();
    const conn = ledger.openConnection();
    conn.recordSent('step2');
    ledger.localTransaction(); // sent while disconnected from the socket's point of view
    ledger.otherTransaction();
    conn.recordSent('update'); // e.g. IndexedDB data relayed by the provider
    conn.confirm(2);
    expect(ledger.pending).toBe(1);
  });

  it('frame numbers restart on reconnect; the old connection can no longer confirm', () => {
    const ledger = new ConfirmLedger();
    const first = ledger.openConnection();
    first.recordSent('step2');
    editOnline(ledger, first);
    editOnline(ledger, first);
    first.confirm(2);
    expect(ledger.pending).toBe(1);

    ledger.localTransaction(); // offline between connections
    const second = ledger.openConnection();
    expect(first.confirm(3)).toBe(false);
    expect(ledger.pending).toBe(2);
    second.recordSent('step2');
    editOnline(ledger, second);
    second.confirm(1); // frame 0 of the new connection, not frame 1 of the old one
    expect(ledger.pending).toBe(1);
    second.confirm(2);
    expect(ledger.pending).toBe(0);
  });

  it('a reconnect after everything was confirmed lets updates confirm before step 2', () => {
    const ledger = new ConfirmLedger();
    const first = ledger.openConnection();
    first.recordSent('step2');
    editOnline(ledger, first);
    first.confirm(2);
    const second = ledger.openConnection();
    editOnline(ledger, second);
    second.confirm(1);
    expect(ledger.pending).toBe(0);
  });

  it('a pending count stored before a reload stays pending until the first step 2 is confirmed', () => {
    const ledger = new ConfirmLedger(4);
    expect(ledger.pending).toBe(4);
    const conn = ledger.openConnection();
    editOnline(ledger, conn);
    conn.confirm(1);
    expect(ledger.pending).toBe(5);
    conn.recordSent('step2');
    conn.confirm(2);
    expect(ledger.pending).toBe(0);
  });

  it('restore() adds a stored count to edits made before it was read', () => {
    const ledger = new ConfirmLedger();
    ledger.localTransaction();
    ledger.restore(3);
    ledger.restore(-1);
    ledger.restore(Number.NaN);
    expect(ledger.pending).toBe(4);
  });

  it('out of order is impossible: counts never go backwards and cannot exceed the frames sent', () => {
    const ledger = new ConfirmLedger();
    const conn = ledger.openConnection();
    conn.recordSent('step2');
    editOnline(ledger, conn);
    editOnline(ledger, conn);
    expect(conn.confirm(5)).toBe(false);
    expect(ledger.pending).toBe(2);
    expect(conn.confirm(3)).toBe(true);
    expect(conn.confirm(2)).toBe(false);
    expect(conn.confirm(0)).toBe(false);
    expect(ledger.pending).toBe(0);
    expect(ledger.confirmedSeq).toBe(2);
  });

  it('a confirm that carries no new frames changes nothing', () => {
    const ledger = new ConfirmLedger();
    const conn = ledger.openConnection();
    conn.recordSent('step2');
    expect(conn.confirm(1)).toBe(false);
    expect(conn.sentFrames).toBe(1);
    expect(ledger.pending).toBe(0);
  });
});
