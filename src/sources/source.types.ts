import { ConnectionType } from '../common/pagination';
import { Source } from './source.entity';

export const SourceConnection = ConnectionType('Source', Source);
export type SourceConnection = InstanceType<typeof SourceConnection>;
