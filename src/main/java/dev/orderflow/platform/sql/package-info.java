/**
 * The databases: one per module (a SQLite file or a PostgreSQL schema), its Flyway migrations,
 * reads on a pool, writes through one group-commit writer per database, the URL and its secrets,
 * SQL error reading (unique violations; unstorable text and a database that takes no writes, handed
 * on as platform.core's Refusal and Unavailable so that the bus reads no SQL errors), claims
 * that order conflicting operations on one key, and the retention job that prunes old rows.
 */
package dev.orderflow.platform.sql;
