/**
 * Uploading predictions once per model and round: the ledger, the upload, Numerai's answer.
 * Imports api, io and predictions; must not import model.
 */
package io.github.numeraipipeline.numerai.submission;
