/**
 * Numerai's GraphQL API over HTTP: rounds, dataset URLs, model slots, uploads, retries.
 * Imports only credentials and io; knows nothing of data files, models or Maven.
 */
package io.github.numeraipipeline.numerai.api;
