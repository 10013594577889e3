/**
 * Fleet mode on Redis: {@link dev.apiauth.redis.RedisSharedState} shares the current token and the
 * rate budgets of every account between instances, {@link dev.apiauth.redis.RedisSecretStore} their
 * refresh tokens; everything stored is encrypted.
 */
package dev.apiauth.redis;
