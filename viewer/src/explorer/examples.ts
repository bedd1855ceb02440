/**
 * The explorer's preloaded operations. Each runs against the demo data (test/api/explorer-examples.test.ts
 * runs them); ARTICLE_ID in variables is replaced with the id of the demo article at DEMO_ARTICLE_URL.
 */

export const DEMO_ARTICLE_URL = 'https://tigris-monitor.example/2026/01/03/khazali-calls-for-restraint-in-maysan';
export const ARTICLE_ID = '<the id of an article>';

export interface ExampleOperation {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Needs an EDITOR (or ADMIN) key in the API key field. */
  needsKey?: boolean;
}

export const EXAMPLES: readonly ExampleOperation[] = [
  {
    name: 'Provenance chain',
    query: `# Where did it come from? An event, the claims that report it, their evidence spans,
# the sentence each span lies in, its article and the article's source.
# Run it with the ▶ button (or Ctrl-Enter); the Docs button browses the schema.
query ProvenanceChain {
  events(first: 3, orderBy: { field: DATE }) {
    nodes {
      id
      type
      subType
      date
      description
      claims {
        id
        text
        kind
        status
        claimant { name }
        evidence {
          exact
          start
          end
          sentence {
            index
            text
            article {
              id
              title
              url
              publishedAt
              source { name domain }
            }
          }
        }
      }
    }
  }
}
`,
  },
  {
    name: 'Search',
    query: `# Words in any inflected form: sentences best first (matches in <b>…</b>), and articles.
query Search($words: String!) {
  searchSentences(query: $words, first: 5) {
    totalCount
    nodes {
      highlight
      article { id title source { name } }
    }
  }
  articles(filter: { search: $words }, first: 5) {
    totalCount
    nodes { id title publishedAt }
  }
}
`,
    variables: { words: 'arrest warrants' },
  },
  {
    name: 'Dashboard counts',
    query: `# Counts for a dashboard: claims by review status and by claimant, events by month.
query Dashboard {
  claimsByStatus: claimCounts(groupBy: STATUS) { key label count }
  claimsByClaimant: claimCounts(groupBy: CLAIMANT, first: 5) { label count actor { id name } }
  eventsByMonth: eventCounts(groupBy: MONTH) { key label count }
}
`,
  },
  {
    name: 'addClaim with a quote',
    query: `# Records a claim whose evidence is given as a quote (TextQuoteSelector): the server finds
# the span, fills in start/end (code points) and prefix/suffix, and the claim starts PROPOSED.
# Needs an EDITOR key: type it in the API key field above (or an Authorization header below).
mutation AddClaimByQuote($input: AddClaimInput!) {
  addClaim(input: $input) {
    id
    status
    text
    evidence {
      start
      end
      exact
      prefix
      suffix
      sentence { index }
    }
    annotation
  }
}
`,
    variables: {
      input: {
        articleId: ARTICLE_ID,
        kind: 'STATEMENT',
        text: 'Qais al-Khazali told the security forces to act against criminals.',
        evidence: [{ exact: 'told the security forces to do their job against criminals' }],
      },
    },
    needsKey: true,
  },
];

/** The variables as JSON for the editor, with the article id filled in. */
export function variablesText(example: ExampleOperation, articleId: string | undefined): string | undefined {
  if (example.variables === undefined) return undefined;
  return JSON.stringify(example.variables, null, 2).replaceAll(JSON.stringify(ARTICLE_ID), JSON.stringify(articleId ?? ARTICLE_ID));
}
