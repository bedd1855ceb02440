import { ConnectionType } from '../common/connection';
import { Source } from './source.entity';

export const SourceConnection = ConnectionType('Source', Source);
export type SourceConnection = InstanceType<typeof SourceConnection>;
