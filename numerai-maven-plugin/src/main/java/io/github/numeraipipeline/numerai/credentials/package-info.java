/**
 * The Numerai API keys: where they come from (environment, Maven settings) and how they are kept out of logs.
 * Must not import anything of the plugin above the root package.
 */
package io.github.numeraipipeline.numerai.credentials;
