/** The providers faasim knows, by id. */
import { inputError } from '../errors.js';
import { awsLambda } from './aws-lambda/index.js';
import { awsLambdaManagedInstances } from './aws-lambda-managed-instances/index.js';
import { awsFargate } from './aws-fargate/index.js';
import { azureConsumption } from './azure-consumption/index.js';
import { azureContainerApps } from './azure-container-apps/index.js';
import { azureFlex } from './azure-flex/index.js';
import { azurePremium } from './azure-premium/index.js';
import { cloudflareWorkers } from './cloudflare-workers/index.js';
import { gcpCloudRun } from './gcp-cloud-run/index.js';
import { gcpFunctionsGen1 } from './gcp-functions-gen1/index.js';
import type { Provider } from './types.js';

const PROVIDERS: Provider[] = [awsLambda, azureConsumption, azureFlex, azurePremium, gcpFunctionsGen1, gcpCloudRun, cloudflareWorkers, azureContainerApps, awsFargate, awsLambdaManagedInstances];

export function providerIds(): string[] {
  return PROVIDERS.map((p) => p.id);
}

export function getProvider(id: string): Provider {
  const p = PROVIDERS.find((x) => x.id === id);
  if (!p) throw inputError('UNKNOWN_PROVIDER', `unknown provider "${id}"; known: ${providerIds().join(', ')}`);
  return p;
}

/** The provider with this id, or undefined (a provider made by a test, say). */
export function findProvider(id: string): Provider | undefined {
  return PROVIDERS.find((x) => x.id === id);
}

export function allProviders(): readonly Provider[] {
  return PROVIDERS;
}
