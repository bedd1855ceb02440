import { IsOptional, Max, Min } from 'class-validator';
import { ArgsType, Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One group of a dashboard count: its key, a label for people, and how many rows it holds' })
export class CountBucket {
  @Field(() => String, {
    nullable: true,
    description: 'The group: an enum value, a month (YYYY-MM), a place name or an actor id; null for rows that have none',
  })
  key!: string | null;

  @Field(() => String) label!: string;
  @Field(() => Int) count!: number;

  /** CLAIMANT buckets: the actor's row id, for the `actor` field. */
  actorId?: string | null;
}

export const DEFAULT_BUCKETS = 100;
export const MAX_BUCKETS = 1000;

@ArgsType()
export class BucketArgs {
  @Field(() => Int, {
    nullable: true,
    description: `How many buckets, largest first (months: earliest first); default ${DEFAULT_BUCKETS}, at most ${MAX_BUCKETS}`,
  })
  @IsOptional()
  @Min(1)
  @Max(MAX_BUCKETS)
  first?: number;
}

/** Raw grouped rows as buckets: counts as numbers, a label for the rows without a key. */
export function toBuckets(
  rows: Array<{ key: string | null; count: string }>,
  label: (key: string) => string,
  missing: string,
): CountBucket[] {
  return rows.map((row) => ({ key: row.key, label: row.key === null ? missing : label(row.key), count: Number(row.count) }));
}
