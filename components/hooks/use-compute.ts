'use client';

import { useEffect, useState } from 'react';
import { type BackendChoice, type EnvironmentProbe, chooseBackend } from '@/lib/compute/backend';
import { onProbeChange, probeEnvironment } from '@/lib/compute/probe';

export interface ComputeState {
  probe: EnvironmentProbe;
  choice: BackendChoice;
}

/** The browser's compute environment (null until probed), updated if the device is lost. */
export function useCompute(): ComputeState | null {
  const [state, setState] = useState<ComputeState | null>(null);
  useEffect(() => {
    let alive = true;
    const refresh = () =>
      probeEnvironment().then((probe) => {
        if (alive) setState({ probe, choice: chooseBackend(probe) });
      });
    refresh();
    const off = onProbeChange(refresh);
    return () => {
      alive = false;
      off();
    };
  }, []);
  return state;
}
