import type { DataSource } from 'typeorm';
import { byIdLoader } from '../common/loaders';
import { Organization } from './organization.entity';

export function createOrganizationLoaders(db: DataSource) {
  return {
    organizationById: byIdLoader(db.getRepository(Organization)),
  };
}
