import { describe, expect, it } from 'vitest';
import type { FromWorker, Progress, ToWorker } from './protocol';
import { WorkerClient, WorkerFailure, type WorkerPort, valueOf } from './worker-client';
import { Cancelled, hostWorker, type HostScope } from './worker-host';

/** A worker in the same thread: messages cross asynchronously (a macrotask), as with a real Worker. */
function fakeWorker(install: (scope: HostScope) => void) {
  const sent: ToWorker[] = [];
  let terminated = 0;
  const port: WorkerPort & { crash(message: string): void } = {
    onmessage: null,
    onerror: null,
    postMessage(message) {
      sent.push(message);
      setTimeout(() => void scope.onmessage?.({ data: structuredClone(message) }), 0);
    },
    terminate() {
      terminated++;
    },
    crash(message) {
      port.onerror?.({ message });
    },
  };
  const scope: HostScope = {
    onmessage: null,
    postMessage(message: FromWorker) {
      setTimeout(() => port.onmessage?.({ data: structuredClone(message) }), 0);
    },
  };
  install(scope);
  return { port, sent, terminated: () => terminated };
}

type Spec = {
  sum: { payload: { upTo: number }; result: number; progress: Progress<'add'> };
  fail: { payload: { why: string }; result: never };
  echo: { payload: string; result: string };
};

/** A handler that adds 1..upTo, one check per step, and a failing one. */
function install(scope: HostScope) {
  hostWorker<Spec>(
    scope,
    {
      sum: async ({ upTo }, job) => {
        let s = 0;
        for (let i = 1; i <= upTo; i++) {
          await job.check();
          s += i;
          job.progress({ phase: 'add', done: i, total: upTo });
        }
        return s;
      },
      fail: async ({ why }) => {
        if (why === 'cancel') throw new Cancelled();
        throw new RangeError(why);
      },
      echo: async (text) => text,
    },
    { toIssue: (err) => (err instanceof RangeError ? { key: 'too-long', params: { length: err.message.length, max: 3 } } : null) },
  );
}

describe('WorkerClient with hostWorker', () => {
  it('reports every progress step, then the result', async () => {
    const w = fakeWorker(install);
    const client = new WorkerClient<Spec>(() => w.port);
    const seen: Progress<'add'>[] = [];
    const job = client.request('sum', { upTo: 4 }, { onProgress: (p) => seen.push(p) });
    expect(await job.outcome).toEqual({ status: 'done', value: 10 });
    expect(seen.map((p) => `${p.done}/${p.total}`)).toEqual(['1/4', '2/4', '3/4', '4/4']);
  });

  it('turns a thrown error into the Issue the worker makes of it, and an unknown one into a runtime issue', async () => {
    const w = fakeWorker(install);
    const client = new WorkerClient<Spec>(() => w.port);
    expect(await client.request('fail', { why: 'abcd' }).outcome).toEqual({
      status: 'failed',
      issue: { key: 'too-long', params: { length: 4, max: 3 } },
    });
    const other = fakeWorker((scope) =>
      hostWorker<Spec>(scope, {
        sum: async () => 0,
        fail: async () => {
          throw new Error('boom');
        },
        echo: async (t) => t,
      }),
    );
    const client2 = new WorkerClient<Spec>(() => other.port);
    expect(await client2.request('fail', { why: '' }).outcome).toEqual({
      status: 'failed',
      issue: { key: 'runtime', params: { message: 'boom' } },
    });
  });

  it('a newer request on the same channel supersedes the older: cancelled, never failed, and the worker stops it', async () => {
    const w = fakeWorker(install);
    const client = new WorkerClient<Spec>(() => w.port);
    const olderSteps: number[] = [];
    const older = client.request('sum', { upTo: 1000 }, { channel: 'c', onProgress: (p) => olderSteps.push(p.done) });
    const newer = client.request('sum', { upTo: 3 }, { channel: 'c' });
    const other = client.request('sum', { upTo: 2 }, { channel: 'd' });
    expect(await older.outcome).toEqual({ status: 'cancelled' });
    expect(await newer.outcome).toEqual({ status: 'done', value: 6 });
    expect(await other.outcome).toEqual({ status: 'done', value: 3 });
    expect(w.sent.map((m) => m.kind)).toEqual(['request', 'cancel', 'request', 'request']);
    expect(olderSteps.length).toBeLessThan(1000);
  });

  it('cancel settles the request as cancelled; a handler that throws Cancelled ends the same way', async () => {
    const w = fakeWorker(install);
    const client = new WorkerClient<Spec>(() => w.port);
    const job = client.request('sum', { upTo: 1000 });
    client.cancel(job.id);
    expect(await job.outcome).toEqual({ status: 'cancelled' });
    expect(await client.request('fail', { why: 'cancel' }).outcome).toEqual({ status: 'cancelled' });
    // the worker is still usable
    expect(await client.request('echo', 'hi').outcome).toEqual({ status: 'done', value: 'hi' });
  });

  it('a worker that dies fails its pending requests with a runtime issue; the next request starts a fresh worker', async () => {
    const workers: ReturnType<typeof fakeWorker>[] = [];
    const client = new WorkerClient<Spec>(() => {
      const w = fakeWorker(install);
      workers.push(w);
      return w.port;
    });
    const job = client.request('sum', { upTo: 1000 });
    workers[0].port.crash('out of memory');
    expect(await job.outcome).toEqual({ status: 'failed', issue: { key: 'runtime', params: { message: 'out of memory' } } });
    expect(workers[0].terminated()).toBe(1);
    expect(await client.request('echo', 'again').outcome).toEqual({ status: 'done', value: 'again' });
    expect(workers).toHaveLength(2);
  });

  it('dispose stops the worker and settles what was pending as cancelled', async () => {
    const w = fakeWorker(install);
    const client = new WorkerClient<Spec>(() => w.port);
    const job = client.request('sum', { upTo: 1000 });
    client.dispose();
    expect(await job.outcome).toEqual({ status: 'cancelled' });
    expect(w.terminated()).toBe(1);
  });
});

describe('hostWorker, serial', () => {
  it('runs one request at a time in arrival order; one cancelled while queued never starts', async () => {
    const started: number[] = [];
    const w = fakeWorker((scope) =>
      hostWorker<Spec>(
        scope,
        {
          sum: async ({ upTo }, job) => {
            started.push(upTo);
            for (let i = 0; i < 3; i++) await job.check();
            return upTo;
          },
          fail: async () => 0 as never,
          echo: async (t) => t,
        },
        { serial: true },
      ),
    );
    const client = new WorkerClient<Spec>(() => w.port);
    const a = client.request('sum', { upTo: 1 });
    const b = client.request('sum', { upTo: 2 });
    const c = client.request('sum', { upTo: 3 });
    client.cancel(b.id);
    expect(await a.outcome).toEqual({ status: 'done', value: 1 });
    expect(await b.outcome).toEqual({ status: 'cancelled' });
    expect(await c.outcome).toEqual({ status: 'done', value: 3 });
    expect(started).toEqual([1, 3]);
  });
});

describe('valueOf', () => {
  it('gives the value, and throws WorkerFailure with the issue or Cancelled for sequential code', async () => {
    expect(await valueOf(Promise.resolve({ status: 'done' as const, value: 3 }))).toBe(3);
    const failed = valueOf(
      Promise.resolve({ status: 'failed' as const, issue: { key: 'runtime' as const, params: { message: 'no memory' } } }),
    );
    await expect(failed).rejects.toBeInstanceOf(WorkerFailure);
    await expect(failed).rejects.toThrow('no memory');
    await expect(valueOf(Promise.resolve({ status: 'cancelled' as const }))).rejects.toBeInstanceOf(Cancelled);
  });
});
