/**
 * The OkHttp (and so Retrofit) integration: {@link dev.apiauth.okhttp.OkHttpAuth#install} adds an
 * account's headers, pacing and one retry after a rejected token to an {@code OkHttpClient}.
 */
package dev.apiauth.okhttp;
