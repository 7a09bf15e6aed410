/**
 * Logback converters that keep one event on one line: control characters in messages, thread and
 * logger names and stack traces are shown escaped, so that input cannot forge log lines; and the
 * switch between the text and JSON formats.
 */
package dev.orderflow.platform.logging;
