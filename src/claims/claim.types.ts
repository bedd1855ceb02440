import { ConnectionType } from '../common/connection';
import { Claim } from './claim.entity';

export const ClaimConnection = ConnectionType('Claim', Claim);
export type ClaimConnection = InstanceType<typeof ClaimConnection>;
