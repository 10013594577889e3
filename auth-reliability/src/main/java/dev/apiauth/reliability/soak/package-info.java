/** The soak: many requests through the HttpClient 5 handler against short-lived tokens. */
package dev.apiauth.reliability.soak;
