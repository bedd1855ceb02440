import type { TestApp } from './test-app';

export const CREATE_ORGANIZATION = `mutation($name: String!) { createOrganization(name: $name) { id name } }`;
export const CREATE_API_KEY = `mutation($organizationId: ID!, $role: Role!, $label: String) {
  createApiKey(organizationId: $organizationId, role: $role, label: $label) { key prefix role label organization { id name } }
}`;

export interface CreatedKey {
  key: string;
  prefix: string;
  role: string;
  label: string | null;
  organization: { id: string; name: string };
}

/** An organisation and a key for it, made through the API as an operator would (bootstrap admin). */
export async function createPartnerKey(app: TestApp, organizationName: string, role: string, label?: string): Promise<CreatedKey> {
  const organization = await app.gql<{ createOrganization: { id: string } }>(CREATE_ORGANIZATION, { name: organizationName });
  if (organization.errors !== undefined) throw new Error(organization.errors[0].message);
  return createKeyFor(app, organization.data!.createOrganization.id, role, label);
}

export async function createKeyFor(app: TestApp, organizationId: string, role: string, label?: string): Promise<CreatedKey> {
  const created = await app.gql<{ createApiKey: CreatedKey }>(CREATE_API_KEY, { organizationId, role, label });
  if (created.errors !== undefined) throw new Error(created.errors[0].message);
  return created.data!.createApiKey;
}
