/** The providers faasim knows, by id. */
import { inputError } from '../errors.js';
import { awsLambda } from './aws-lambda/index.js';
import { azureConsumption } from './azure-consumption/index.js';
import type { Provider } from './types.js';

const PROVIDERS: Provider[] = [awsLambda, azureConsumption];

export function providerIds(): string[] {
  return PROVIDERS.map((p) => p.id);
}

export function getProvider(id: string): Provider {
  const p = PROVIDERS.find((x) => x.id === id);
  if (!p) throw inputError('UNKNOWN_PROVIDER', `unknown provider "${id}"; known: ${providerIds().join(', ')}`);
  return p;
}
