/** The Apache HttpClient 5 integration: one exec-chain handler you add to your client. */
package dev.apiauth.core.httpclient5;
