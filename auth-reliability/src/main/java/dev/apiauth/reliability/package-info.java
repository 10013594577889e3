/**
 * Runnable harnesses behind docs/reliability.md: the soak ({@link dev.apiauth.reliability.soak.Soak})
 * and the child process of the crash-safe store test ({@link dev.apiauth.reliability.store.StoreWriter}).
 */
package dev.apiauth.reliability;
