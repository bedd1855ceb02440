import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { headerOf, searchOf, type RequestWithBody, type Step } from './step';

/**
 * Hands a request whose body is read (`req.body`) to Apollo and writes its answer: the whole
 * of what Apollo's Express integration does, over Node's request and response, so that the same
 * step serves the plain chain and Express.
 */
export function graphqlHandler<C extends BaseContext>(
  apollo: ApolloServer<C>,
  contextOf: (req: IncomingMessage, res: ServerResponse) => Promise<C>,
): Step {
  apollo.assertStarted('graphqlHandler()');
  return async (req, res) => {
    const headers = new HeaderMap();
    for (const name of Object.keys(req.headers)) {
      const value = headerOf(req, name);
      if (value !== undefined) headers.set(name, value);
    }
    const answer = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: (req.method ?? 'GET').toUpperCase(),
        headers,
        search: searchOf(req),
        body: (req as RequestWithBody).body,
      },
      context: () => contextOf(req, res),
    });
    for (const [name, value] of answer.headers) res.setHeader(name, value);
    res.statusCode = answer.status ?? 200;
    if (answer.body.kind === 'complete') {
      res.setHeader('content-length', Buffer.byteLength(answer.body.string));
      res.end(answer.body.string);
      return;
    }
    for await (const chunk of answer.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
