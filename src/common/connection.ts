import { ArgsType, Field, InputType, Int, ObjectType, registerEnumType, type ClassType } from 'type-graphql';
import { IsOptional, Max, MaxLength, Min } from 'class-validator';

/** The GraphQL side of every list: Relay connection arguments and types, and `orderBy` inputs (read by list-query.ts). */

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** Relay connection arguments, shared by every list in the API. */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `Defaults to ${DEFAULT_PAGE_SIZE}; at most ${MAX_PAGE_SIZE}.` })
  @IsOptional()
  @Min(0)
  @Max(MAX_PAGE_SIZE)
  first?: number;

  // Sort cursors carry the sort value (an actor's name may be 500 characters).
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(4000)
  after?: string;

  @Field(() => Int, { nullable: true, description: `At most ${MAX_PAGE_SIZE}.` })
  @IsOptional()
  @Min(0)
  @Max(MAX_PAGE_SIZE)
  last?: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(4000)
  before?: string;
}

@ObjectType()
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => Boolean) hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Page<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  readonly nodes: T[];
  pageInfo: PageInfo;
  totalCount(): Promise<number>;
}

/**
 * The GraphQL connection type for `node`. `totalCount` is a thunk so the count runs only when
 * a client selects it.
 */
export function ConnectionType<T extends object>(name: string, node: ClassType<T>) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => String) cursor!: string;
    @Field(() => node) node!: T;
  }

  @ObjectType(`${name}Connection`)
  class Connection implements ConnectionShape<T> {
    @Field(() => [EdgeType]) edges: Edge<T>[];
    @Field(() => PageInfo) pageInfo: PageInfo;

    constructor(
      page: Page<T>,
      private readonly countTotal: () => Promise<number>,
    ) {
      this.edges = page.edges;
      this.pageInfo = page.pageInfo;
    }

    @Field(() => [node])
    get nodes(): T[] {
      return this.edges.map((edge) => edge.node);
    }

    @Field(() => Int)
    totalCount(): Promise<number> {
      return this.countTotal();
    }
  }
  return Connection;
}

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, { name: 'OrderDirection' });

/** The `orderBy` input of a list: one of its whitelisted fields, and a direction. */
export function OrderInputType<F extends string>(
  name: string,
  fieldEnum: Record<string, F>,
  description: string,
): ClassType<OrderInput<F>> {
  @InputType(`${name}Order`, { description: `${description}. Ties are broken by id, in the same direction; missing values come last.` })
  class Order implements OrderInput<F> {
    @Field(() => fieldEnum) field!: F;
    @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC }) direction!: OrderDirection;
  }
  return Order;
}

export interface OrderInput<F extends string> {
  field: F;
  direction: OrderDirection;
}
