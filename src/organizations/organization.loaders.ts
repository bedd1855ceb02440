import type { DataSource } from 'typeorm';
import { byIdLoader, type Peers } from '../common/loaders';
import { Organization } from './organization.entity';

export function createOrganizationLoaders(db: DataSource, peers: Peers) {
  return {
    organizationById: byIdLoader(peers, db.getRepository(Organization)),
  };
}
