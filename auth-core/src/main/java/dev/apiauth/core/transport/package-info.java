/** The token-endpoint transport (Apache HttpClient 5) and JSON (Jackson 3); the only place either is used. */
package dev.apiauth.core.transport;
