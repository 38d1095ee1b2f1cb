/**
 * Pause, resume and stop for a long-running loop that awaits `checkpoint()` between
 * steps. `checkpoint()` first yields to the event loop (so messages such as "pause"
 * can arrive), then waits while paused; it resolves false once stopped.
 */

import { yieldToEventLoop } from '../runtime/yield';

export type ControlState = 'running' | 'paused' | 'stopped';

export class RunControl {
  private current: ControlState = 'running';
  private wake: (() => void) | null = null;
  private pausedSince = 0;
  private pausedTotal = 0;

  constructor(private readonly yieldFn: () => Promise<void> = yieldToEventLoop) {}

  get state(): ControlState {
    return this.current;
  }

  /** Milliseconds spent paused so far (excluded from a run's training time). */
  get pausedMs(): number {
    return this.pausedTotal + (this.current === 'paused' ? performance.now() - this.pausedSince : 0);
  }

  pause(): void {
    if (this.current !== 'running') return;
    this.current = 'paused';
    this.pausedSince = performance.now();
  }

  resume(): void {
    if (this.current !== 'paused') return;
    this.pausedTotal += performance.now() - this.pausedSince;
    this.current = 'running';
    this.release();
  }

  stop(): void {
    if (this.current === 'paused') this.pausedTotal += performance.now() - this.pausedSince;
    this.current = 'stopped';
    this.release();
  }

  private release(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  /** Yields, then waits while paused. Resolves true to go on, false when stopped. */
  async checkpoint(): Promise<boolean> {
    await this.yieldFn();
    while (this.current === 'paused') {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
    return this.current === 'running';
  }
}
