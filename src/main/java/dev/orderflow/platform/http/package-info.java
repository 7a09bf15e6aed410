/**
 * What every HTTP server of Orderflow shares: RFC 9457 problem documents and the limits a server
 * puts on slow, idle and excess connections.
 */
package dev.orderflow.platform.http;
