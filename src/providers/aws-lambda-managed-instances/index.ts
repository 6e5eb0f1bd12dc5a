/** AWS Lambda Managed Instances: defaults, INIT model and billing from pricing/aws-lambda-managed-instances.json. */
import { sheetProvider } from '../shared/define.js';
import { ManagedInstancesMeter } from './billing.js';
import { managedInstancesDefaults, managedInstancesInitModel } from './platform.js';
import { ManagedInstancesSheetSchema } from './sheet.js';

export const awsLambdaManagedInstances = sheetProvider({
  id: 'aws-lambda-managed-instances',
  label: 'AWS Lambda Managed Instances',
  traits: { container: true, commonSettings: ['runtime'] },
  schema: ManagedInstancesSheetSchema,
  sheetName: 'AWS Lambda Managed Instances price sheet',
  defaults: (sheet, settings) => managedInstancesDefaults(sheet, settings),
  initModel: (sheet) => managedInstancesInitModel(sheet),
  meter: (sheet, settings) => new ManagedInstancesMeter(sheet, settings),
  usesColdStartData: false,
});
