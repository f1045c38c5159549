package io.github.numeraipipeline.numerai.mojo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.numeraipipeline.numerai.watch.RoundRecord;
import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@MojoTest
class WatchMojoTest {
    private static final String POM = "src/test/resources/unit/watch/pom.xml";

    @TempDir
    Path output;
    private final Map<Object, Object> pluginContext = new HashMap<>();

    private WatchMojo prepare(WatchMojo mojo) throws IllegalAccessException {
        MojoExtension.setVariableValueToObject(mojo, "outputDirectory", output.toFile());
        mojo.setPluginContext(pluginContext);
        return mojo;
    }

    @BeforeEach
    void noRoundSeenYet() {
        pluginContext.clear();
    }

    /** A clock that runs from {@code start} on, as the real one does, whatever today is. */
    private static Clock runningFrom(String start) {
        return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), Instant.parse(start)));
    }

    @Test
    @InjectMojo(goal = "watch", pom = POM)
    void recordsTheOpenRoundAndSharesItWithTheLaterGoals(WatchMojo mojo) throws Exception {
        MojoExtension.setVariableValueToObject(prepare(mojo), "clock", runningFrom("2026-11-28T12:00:00Z"));

        mojo.execute();

        RoundRecord record = RoundRecord.readFrom(output);
        assertTrue(record.isOpen());
        assertEquals(1294, record.round());
        assertEquals(record, pluginContext.get(AbstractNumeraiMojo.ROUND_KEY));
    }

    @Test
    @InjectMojo(goal = "watch", pom = POM)
    void theSandboxOpensOneRoundADayCountedInUtc(WatchMojo mojo) throws Exception {
        // 23:59:30 in UTC is already the next day in Kiritimati (UTC+14): the sandbox counts UTC days.
        MojoExtension.setVariableValueToObject(prepare(mojo), "clock",
                runningFrom("2027-01-02T23:59:30Z").withZone(ZoneId.of("Pacific/Kiritimati")));

        mojo.execute();

        RoundRecord record = RoundRecord.readFrom(output);
        assertEquals(1294 + 35, record.round(), "35 days after 2026-11-28");
        assertTrue(record.checkedAt().isAfter(Instant.parse("2027-01-02T23:59:29Z")), "checked by the given clock");
    }

    @Test
    @InjectMojo(goal = "watch", pom = POM)
    @MojoParameter(name = "sandboxRound", value = "never")
    @MojoParameter(name = "maxWait", value = "PT2S")
    void noRoundInTimeSucceedsAndRecordsNoRound(WatchMojo mojo) throws Exception {
        prepare(mojo).execute();

        RoundRecord record = RoundRecord.readFrom(output);
        assertFalse(record.isOpen());
        assertTrue(record.reason().contains("numerai.maxWait=PT2S"), record.reason());
        assertTrue(record.waited().compareTo(Duration.ofSeconds(2)) >= 0, "waited " + record.waited());
        assertTrue(record.next().at().isAfter(record.checkedAt()), "the next round is ahead: " + record.next());
        assertEquals(record, pluginContext.get(AbstractNumeraiMojo.ROUND_KEY));
    }

    @Test
    @InjectMojo(goal = "watch", pom = POM)
    @MojoParameter(name = "sandboxRound", value = "PT1S")
    @MojoParameter(name = "maxWait", value = "PT1M")
    void waitsForTheRoundToOpen(WatchMojo mojo) throws Exception {
        prepare(mojo).execute();

        assertTrue(RoundRecord.readFrom(output).isOpen());
    }

    @Test
    @InjectMojo(goal = "watch", pom = POM)
    @MojoParameter(name = "pollInterval", value = "10m")
    void aBadDurationNamesTheParameterAndTheForm(WatchMojo mojo) throws Exception {
        MojoFailureException error = assertThrows(MojoFailureException.class, () -> prepare(mojo).execute());

        assertTrue(error.getMessage().contains("numerai.pollInterval=10m is not an ISO-8601 duration"), error.getMessage());
        assertTrue(error.getMessage().contains("PT10M"), error.getMessage());
        assertFalse(new File(output.toFile(), RoundRecord.FILE_NAME).exists(), "nothing is written");
    }

    @Test
    @InjectMojo(goal = "watch", pom = POM)
    @MojoParameter(name = "sandbox", value = "false")
    @MojoParameter(name = "apiUrl", value = "http://api-tournament.numer.ai")
    void plainHttpToARealHostIsRefused(WatchMojo mojo) throws Exception {
        MojoFailureException error = assertThrows(MojoFailureException.class, () -> prepare(mojo).execute());

        assertTrue(error.getMessage().contains("numerai.apiUrl must be an https:// URL"), error.getMessage());
    }

    @Test
    @InjectMojo(goal = "watch", pom = POM)
    @MojoParameter(name = "sandbox", value = "false")
    @MojoParameter(name = "apiUrl", value = "not a url")
    void aBadUrlNamesTheParameter(WatchMojo mojo) throws Exception {
        MojoFailureException error = assertThrows(MojoFailureException.class, () -> prepare(mojo).execute());

        assertTrue(error.getMessage().contains("numerai.apiUrl=not a url is not a URL"), error.getMessage());
    }

    @Test
    @InjectMojo(goal = "watch", pom = POM)
    @MojoParameter(name = "skip", value = "true")
    void skipDoesNothing(WatchMojo mojo) throws Exception {
        prepare(mojo).execute();

        assertFalse(new File(output.toFile(), RoundRecord.FILE_NAME).exists());
        assertTrue(pluginContext.isEmpty());
    }

    @Test
    @InjectMojo(goal = "watch", pom = POM)
    void anOutputDirectoryThatCannotBeWrittenIsNamedBeforeAnyWork(WatchMojo mojo) throws Exception {
        File notAFolder = output.resolve("a-file").toFile();
        java.nio.file.Files.writeString(notAFolder.toPath(), "in the way");
        prepare(mojo);
        MojoExtension.setVariableValueToObject(mojo, "outputDirectory", new File(notAFolder, "numerai"));

        MojoFailureException error = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(error.getMessage().contains("numerai.outputDirectory=" + new File(notAFolder, "numerai")
                + " cannot be written"), error.getMessage());
        assertTrue(error.getMessage().contains("point -Dnumerai.outputDirectory at a folder"), error.getMessage());
        assertTrue(pluginContext.get(AbstractNumeraiMojo.ROUND_KEY) == null, "the watch did not run");
    }
}
