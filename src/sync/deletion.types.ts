import { ConnectionType } from '../common/connection';
import { Deletion } from './deletion.entity';

export const DeletionConnection = ConnectionType('Deletion', Deletion);
export type DeletionConnection = InstanceType<typeof DeletionConnection>;
