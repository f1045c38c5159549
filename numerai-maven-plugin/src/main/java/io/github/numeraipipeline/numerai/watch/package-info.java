/**
 * Waiting for a round to open and recording the round a build works on.
 * Imports only api and io.
 */
package io.github.numeraipipeline.numerai.watch;
