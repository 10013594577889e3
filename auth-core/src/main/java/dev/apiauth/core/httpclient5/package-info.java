/**
 * The Apache HttpClient 5 integrations: one exec-chain handler you add to your client, classic
 * ({@link dev.apiauth.core.httpclient5.AuthExecChainHandler}) or async
 * ({@link dev.apiauth.core.httpclient5.AsyncAuthExecChainHandler}).
 */
package dev.apiauth.core.httpclient5;
