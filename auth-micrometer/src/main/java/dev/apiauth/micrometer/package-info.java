/**
 * Micrometer metrics for apiauth accounts: {@link dev.apiauth.micrometer.AuthMetrics} is both the
 * account's {@link dev.apiauth.core.AuthListener} and a Micrometer {@code MeterBinder}.
 */
package dev.apiauth.micrometer;
