/**
 * Fleet mode on Redis: {@link dev.apiauth.redis.RedisSharedState} is the one entry point, providing
 * the engine's three shared-state parts through one connection — {@link dev.apiauth.redis.RedisTokens}
 * (the current token of every account), {@link dev.apiauth.redis.RedisRateBudgets} (rate budgets) and
 * {@link dev.apiauth.redis.RedisRejections} (rejections relayed over pub/sub) — and
 * {@link dev.apiauth.redis.RedisSecretStore} for refresh tokens; everything stored is encrypted.
 */
package dev.apiauth.redis;
