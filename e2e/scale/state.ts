import type { ClusterState } from './cluster';

/** The running cluster, as e2e/scale/global-setup.ts started it. */
export function cluster(): ClusterState {
  const raw = process.env.SCALE_CLUSTER;
  if (!raw) throw new Error('No scale-out cluster: run the suite through playwright.scale.config.ts.');
  return JSON.parse(raw) as ClusterState;
}
