/** The {@code java.net.http.HttpClient} integration. */
package dev.apiauth.core.jdkhttp;
