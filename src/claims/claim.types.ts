import { ConnectionType } from '../common/pagination';
import { Claim } from './claim.entity';

export const ClaimConnection = ConnectionType('Claim', Claim);
export type ClaimConnection = InstanceType<typeof ClaimConnection>;
