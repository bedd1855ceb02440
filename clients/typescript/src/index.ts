export { VerbatimClient, VerbatimError, type Page, type VerbatimClientOptions } from './client';
export * from './generated/graphql';
