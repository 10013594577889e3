/**
 * Engine internals shared between the engine's own packages and its integration modules
 * ({@code auth-redis}): not API, no compatibility promise, not exported to other modules.
 * Applications must not use them.
 */
package dev.apiauth.core.internal;
