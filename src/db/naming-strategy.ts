import { DefaultNamingStrategy, type NamingStrategyInterface, type Table } from 'typeorm';

/**
 * Plain, readable snake_case names for tables, columns and constraints (`fk_sentence_article_id`
 * rather than TypeORM's hashed `FK_3a1b...`), so migrations and errors read like the schema.
 */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override tableName(targetName: string, userSpecifiedName: string | undefined): string {
    return userSpecifiedName ?? snakeCase(targetName);
  }

  override columnName(propertyName: string, customName: string | undefined, embeddedPrefixes: string[]): string {
    return snakeCase([...embeddedPrefixes, customName ?? propertyName].join('_'));
  }

  override joinColumnName(relationName: string, referencedColumnName: string): string {
    return snakeCase(`${relationName}_${referencedColumnName}`);
  }

  override primaryKeyName(tableOrName: Table | string): string {
    return `pk_${this.plainTableName(tableOrName)}`;
  }

  override uniqueConstraintName(tableOrName: Table | string, columnNames: string[]): string {
    return limit(`uq_${this.plainTableName(tableOrName)}_${columnNames.join('_')}`);
  }

  override relationConstraintName(tableOrName: Table | string, columnNames: string[]): string {
    return limit(`rel_${this.plainTableName(tableOrName)}_${columnNames.join('_')}`);
  }

  override foreignKeyName(tableOrName: Table | string, columnNames: string[]): string {
    return limit(`fk_${this.plainTableName(tableOrName)}_${columnNames.join('_')}`);
  }

  override indexName(tableOrName: Table | string, columnNames: string[]): string {
    return limit(`ix_${this.plainTableName(tableOrName)}_${columnNames.join('_')}`);
  }

  override defaultConstraintName(tableOrName: Table | string, columnName: string): string {
    return limit(`df_${this.plainTableName(tableOrName)}_${columnName}`);
  }

  private plainTableName(tableOrName: Table | string): string {
    const name = typeof tableOrName === 'string' ? tableOrName : tableOrName.name;
    return name.split('.').pop() ?? name;
  }
}

function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** PostgreSQL truncates identifiers at 63 bytes; keep names whole and unique instead. */
function limit(name: string): string {
  return name.length <= 63 ? name : name.slice(0, 63);
}
