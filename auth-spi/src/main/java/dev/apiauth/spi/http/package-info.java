/**
 * HTTP building blocks providers and the engine share: URLs with a query, base URLs joined with a
 * path, and URLs printed without credentials ({@link dev.apiauth.spi.http.Urls}).
 */
package dev.apiauth.spi.http;
