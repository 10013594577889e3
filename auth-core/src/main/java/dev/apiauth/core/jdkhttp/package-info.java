/**
 * The {@code java.net.http.HttpClient} integration: {@link dev.apiauth.core.jdkhttp.JdkHttpAuth}
 * wraps the send, since the JDK client has no interceptors.
 */
package dev.apiauth.core.jdkhttp;
