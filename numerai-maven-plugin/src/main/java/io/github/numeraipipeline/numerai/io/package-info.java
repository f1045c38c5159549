/**
 * Files and locks: atomic writes, SHA-256, the run locks that keep two desks from writing the same files.
 * Imports nothing of the plugin (only the root's NumeraiException).
 */
package io.github.numeraipipeline.numerai.io;
