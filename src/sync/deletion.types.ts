import { ConnectionType } from '../common/pagination';
import { Deletion } from './deletion.entity';

export const DeletionConnection = ConnectionType('Deletion', Deletion);
export type DeletionConnection = InstanceType<typeof DeletionConnection>;
