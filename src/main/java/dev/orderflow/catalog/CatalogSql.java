package dev.orderflow.catalog;

/** Every statement of the catalog, written once for SQLite and PostgreSQL. */
final class CatalogSql {

  static final String PAGE = """
    SELECT sku, name, description, price_minor, currency FROM items
    WHERE sku > #{after} ORDER BY sku LIMIT #{limit}""";

  static final String FIND = """
    SELECT sku, name, description, price_minor, currency FROM items WHERE sku = #{sku}""";

  static final String EXISTS = "SELECT sku FROM items WHERE sku = #{sku}";

  static final String COUNT = "SELECT COUNT(*) AS total FROM items";

  static final String UPSERT = """
    INSERT INTO items (sku, name, description, price_minor, currency, updated_at)
    VALUES (#{sku}, #{name}, #{description}, #{priceMinor}, #{currency}, #{updatedAt})
    ON CONFLICT (sku) DO UPDATE SET name = excluded.name, description = excluded.description,
      price_minor = excluded.price_minor, currency = excluded.currency, updated_at = excluded.updated_at""";

  static final String INSERT_IF_ABSENT = """
    INSERT INTO items (sku, name, description, price_minor, currency, updated_at)
    VALUES (#{sku}, #{name}, #{description}, #{priceMinor}, #{currency}, #{updatedAt})
    ON CONFLICT (sku) DO NOTHING""";

  private CatalogSql() {
  }
}
