/**
 * The providers faasim knows, by id: the built-in ones, in the order `--provider all` runs them, and
 * any a program or a test registers (registerProvider). The only list of providers in the code base:
 * everything else asks the registry.
 */
import { inputError } from '../errors.js';
import { awsLambda } from './aws-lambda/index.js';
import { awsLambdaManagedInstances } from './aws-lambda-managed-instances/index.js';
import { awsFargate } from './aws-fargate/index.js';
import { awsLambdaEdge } from './aws-lambda-edge/index.js';
import { azureConsumption } from './azure-consumption/index.js';
import { azureContainerApps } from './azure-container-apps/index.js';
import { azureFlex } from './azure-flex/index.js';
import { azurePremium } from './azure-premium/index.js';
import { cloudflareWorkers } from './cloudflare-workers/index.js';
import { gcpCloudRun } from './gcp-cloud-run/index.js';
import { gcpFunctionsGen1 } from './gcp-functions-gen1/index.js';
import type { AnyProviderOption } from './option-spec.js';
import type { Provider } from './types.js';

const BUILT_IN: readonly Provider[] = [
  awsLambda,
  awsLambdaEdge,
  azureConsumption,
  azureFlex,
  azurePremium,
  gcpFunctionsGen1,
  gcpCloudRun,
  cloudflareWorkers,
  azureContainerApps,
  awsFargate,
  awsLambdaManagedInstances,
];
const PROVIDERS: Provider[] = [...BUILT_IN];

/** The provider a run uses when none is given. */
export const DEFAULT_PROVIDER_ID = awsLambda.id;

export function providerIds(): string[] {
  return PROVIDERS.map((p) => p.id);
}

export function getProvider(id: string): Provider {
  const p = PROVIDERS.find((x) => x.id === id);
  if (!p)
    throw inputError('UNKNOWN_PROVIDER', `unknown provider "${id}"; known: ${providerIds().join(', ')}`);
  return p;
}

/** The provider with this id, or undefined. */
export function findProvider(id: string): Provider | undefined {
  return PROVIDERS.find((x) => x.id === id);
}

export function allProviders(): readonly Provider[] {
  return PROVIDERS;
}

/**
 * Every option some provider takes, each once, in the order of the providers and of their
 * declarations. Two providers that take the same setting share one declaration (put it in
 * providers/shared/), so the flag, the schema and the meaning cannot drift apart.
 */
export function allOptions(): readonly AnyProviderOption[] {
  const byKey = new Map<string, AnyProviderOption>();
  for (const p of PROVIDERS) for (const o of p.options ?? []) if (!byKey.has(o.key)) byKey.set(o.key, o);
  return [...byKey.values()];
}

/**
 * Adds a provider after the built-in ones (a plug-in, or a test's toy provider); returns the call
 * that removes it again. Its id and its options' keys and flags must be new, or shared with the very
 * same declaration.
 */
export function registerProvider(provider: Provider): () => void {
  if (findProvider(provider.id)) throw new Error(`provider "${provider.id}" is already registered`);
  const known = allOptions();
  for (const o of provider.options ?? []) {
    const clash = known.find(
      (k) => (k.key === o.key || k.flag.split(' ')[0] === o.flag.split(' ')[0]) && k !== o,
    );
    if (clash)
      throw new Error(
        `provider "${provider.id}": option ${o.key} (${o.flag}) clashes with ${clash.key} (${clash.flag}); share the declaration or choose another name`,
      );
  }
  PROVIDERS.push(provider);
  return () => {
    const i = PROVIDERS.indexOf(provider);
    if (i >= 0) PROVIDERS.splice(i, 1);
  };
}
