/**
 * How the engine calls token endpoints: the transport (Apache HttpClient 5) and JSON (Jackson 3).
 * The engine's only use of either; {@link dev.apiauth.core.httpclient5} instead integrates with
 * the caller's own client.
 */
package dev.apiauth.core.transport;
