/**
 * The vendors' answers as the simulators serve them, one class per vendor: the demo account, the
 * token success body for a token and lifetime, the error bodies, and the protected API's answers.
 * The single source of truth for what each vendor sends: provider test fixtures reuse these rather
 * than restate them.
 */
package dev.apiauth.shapes;
