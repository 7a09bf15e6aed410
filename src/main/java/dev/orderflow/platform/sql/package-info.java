/**
 * The databases: one per module (a SQLite file or a PostgreSQL schema), its Flyway migrations,
 * reads on a few reader threads per database (each with one read-only JDBC connection: a
 * {@link dev.orderflow.platform.sql.ReadWork} runs there on {@link dev.orderflow.platform.sql.Queries}
 * of cached prepared statements), writes through one group-commit writer per database (a thread of
 * its own with one JDBC connection: a {@link dev.orderflow.platform.sql.WriteWork} runs there,
 * blocking, on a {@link dev.orderflow.platform.sql.Transaction}, which answers the same queries);
 * either's future completes on the caller's context (a write's after the commit). Also the URL and
 * its secrets, SQL error reading (unique violations; unstorable text and a database that takes no
 * writes, from either driver, handed on as platform.core's Refusal and Unavailable so that the bus
 * reads no SQL errors), claims that order conflicting operations on one key, and the retention job
 * that prunes old rows.
 */
package dev.orderflow.platform.sql;
