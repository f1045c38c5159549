/**
 * The plugin's one shared type, NumeraiException: every failure says whether it is the user's to fix.
 * Imports nothing of the plugin.
 */
package io.github.numeraipipeline.numerai;
