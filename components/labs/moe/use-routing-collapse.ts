'use client';

import { useEffect, useState } from 'react';
import { TOKENS_PER_DIGIT } from '@/lib/models/moe-classifier';
import { coefficientOfVariation } from '@/lib/moe/routing';
import { routeTokens } from '@/lib/moe/variants';
import { type MnistMoe, prepareModel } from './use-mnist-moe';

/** Load CV of the shipped models trained with (α = 0.1) and without (α = 0) the auxiliary loss, and the experts left idle without it. */
export interface RoutingCollapse {
  numExperts: number;
  cvWith: number;
  cvWithout: number;
  dead: number;
}

/**
 * Routing collapse: the shipped α = 0.1 and α = 0 models with the same E, Mixtral top-2 on the test digits
 * (null until both are there, or outside the MNIST mode).
 */
export function useRoutingCollapse(mnist: boolean, data: MnistMoe, numExperts: number): RoutingCollapse | null {
  const [collapse, setCollapse] = useState<RoutingCollapse | null>(null);
  useEffect(() => {
    if (!mnist || data.status !== 'ready' || !data.test) return;
    const E = numExperts;
    const withAux = data.models.find((x) => x.origin === 'shipped' && x.weights.config.numExperts === E && x.training.auxWeight === 0.1);
    const without = data.models.find((x) => x.origin === 'shipped' && x.weights.config.numExperts === E && x.training.auxWeight === 0);
    if (!withAux || !without) {
      setCollapse(null);
      return;
    }
    const test = data.test;
    const id = setTimeout(() => {
      const route = (x: typeof withAux) => {
        const p = prepareModel(x, test);
        return routeTokens(p.logits, test.count * TOKENS_PER_DIGIT, {
          variant: 'mixtral',
          numExperts: E,
          k: x.training.k,
          capacityFactor: 1.25,
          noise: false,
          noiseScale: 1,
          seed: 1,
          numShared: 0,
        }).load;
      };
      const a = route(withAux);
      const b = route(without);
      setCollapse({
        numExperts: E,
        cvWith: coefficientOfVariation(a),
        cvWithout: coefficientOfVariation(b),
        dead: Array.from(b).filter((v) => v === 0).length,
      });
    }, 50);
    return () => clearTimeout(id);
  }, [mnist, data.status, data.models, data.test, numExperts]);
  return collapse;
}
