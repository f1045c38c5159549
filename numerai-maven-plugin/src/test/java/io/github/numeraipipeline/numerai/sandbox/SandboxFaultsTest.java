package io.github.numeraipipeline.numerai.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SandboxFaultsTest {
    @Test
    void faultsAreSwitchedOnFromTextAndFireAsOftenAsAsked() {
        SandboxFaults faults = new SandboxFaults().apply("graphql-5xx:2:502, download-cut:1,create-lost,round-closed:1");

        assertTrue(faults.graphQlStatus.fire());
        assertEquals(502, faults.graphQlStatus.value());
        assertTrue(faults.graphQlStatus.fire());
        assertFalse(faults.graphQlStatus.fire());
        assertTrue(faults.downloadTruncate.fire());
        assertFalse(faults.downloadTruncate.fire());
        assertTrue(faults.createAnswerLost.fire(), "times defaults to one");
        assertFalse(faults.uploadStatus.fire());
        assertTrue(faults.roundClosed.fire());
        assertFalse(faults.roundClosed.fire());
    }

    @Test
    void anUnknownFaultNamesItselfAndTheNamesThereAre() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new SandboxFaults().apply("graphql-500:1"));

        assertTrue(error.getMessage().contains("\"graphql-500:1\"") && error.getMessage().contains("create-lost"),
                error.getMessage());
    }
}
