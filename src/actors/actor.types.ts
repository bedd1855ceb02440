import { ConnectionType } from '../common/connection';
import { Actor } from './actor.entity';

export const ActorConnection = ConnectionType('Actor', Actor);
export type ActorConnection = InstanceType<typeof ActorConnection>;
