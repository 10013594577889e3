/** The child process of the crash-safe store test. */
package dev.apiauth.reliability.store;
