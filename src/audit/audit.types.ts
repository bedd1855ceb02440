import { ConnectionType } from '../common/connection';
import { AuditLog } from './audit-log.entity';

export const AuditEntryConnection = ConnectionType('AuditEntry', AuditLog);
export type AuditEntryConnection = InstanceType<typeof AuditEntryConnection>;
