import type { CodegenConfig } from '@graphql-codegen/cli';

/** Types and typed document nodes for the operations in operations/, from the server's committed schema. */
const config: CodegenConfig = {
  schema: '../../schema.graphql',
  documents: 'operations/*.graphql',
  generates: {
    'src/generated/graphql.ts': {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false, object: true },
        scalars: { DateTime: 'string', Date: 'string', JSON: 'unknown' },
      },
    },
  },
};

export default config;
