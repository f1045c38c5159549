package io.github.numeraipipeline.numerai.mojo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.numeraipipeline.numerai.sandbox.SandboxCalendar;
import io.github.numeraipipeline.numerai.watch.RoundRecord;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code numerai.sandbox.day} makes the sandbox play another day's round, open now: how a desk (or CI) tries its next
 * day at once, whatever today is.
 */
@MojoTest
class SandboxDayTest {
    private static final String POM = "src/test/resources/unit/watch/pom.xml";

    @TempDir
    Path output;

    private RoundRecord watch(WatchMojo mojo) throws Exception {
        MojoExtension.setVariableValueToObject(mojo, "outputDirectory", output.toFile());
        mojo.setPluginContext(new HashMap<>());
        mojo.execute();
        return RoundRecord.readFrom(output);
    }

    @Test
    @InjectMojo(goal = "watch", pom = POM)
    @MojoParameter(name = "sandboxDay", value = "2031-03-04")
    void theSandboxPlaysTheRoundOfTheDayItIsGivenOpenNow(WatchMojo mojo) throws Exception {
        RoundRecord record = watch(mojo);

        assertTrue(record.isOpen());
        assertEquals(SandboxCalendar.NUMERAI_LIKE.roundOn(LocalDate.of(2031, 3, 4)), record.round());
    }

    @Test
    @InjectMojo(goal = "watch", pom = POM)
    @MojoParameter(name = "sandboxDay", value = "2031-03-05")
    void theNextDayIsTheNextRound(WatchMojo mojo) throws Exception {
        RoundRecord record = watch(mojo);

        assertEquals(SandboxCalendar.NUMERAI_LIKE.roundOn(LocalDate.of(2031, 3, 4)) + 1, record.round());
    }

    @Test
    @InjectMojo(goal = "watch", pom = POM)
    @MojoParameter(name = "sandboxDay", value = "tomorrow")
    void aDayThatIsNotADateNamesTheParameterAndTheForm(WatchMojo mojo) {
        String message = assertThrows(MojoFailureException.class, () -> watch(mojo)).getMessage();

        assertTrue(message.startsWith("numerai.sandbox.day=tomorrow is not a date; write it as 2026-12-01"), message);
    }
}
