import { ConnectionType } from '../common/pagination';
import { AuditLog } from './audit-log.entity';

export const AuditEntryConnection = ConnectionType('AuditEntry', AuditLog);
export type AuditEntryConnection = InstanceType<typeof AuditEntryConnection>;
