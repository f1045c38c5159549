package io.github.numeraipipeline.numerai.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelModelsTest {
    @TempDir
    Path dir;

    @Test
    void runsUpToTheConfiguredNumberOfModelsAtOnce() throws Exception {
        List<ModelConfig> configs = configs("a", "b", "c", "d");
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        // each pair of models waits for its partner: only two running together get past the barrier
        CyclicBarrier pairs = new CyclicBarrier(2);

        List<ParallelModels.Outcome<String>> outcomes = new ParallelModels(2, 2).run(configs, config -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                pairs.await(10, TimeUnit.SECONDS);
                pause();
            } catch (Exception e) {
                throw new ModelException("not run together: " + e);
            } finally {
                running.decrementAndGet();
            }
            return config.name();
        });

        assertEquals(List.of("a", "b", "c", "d"), outcomes.stream().map(ParallelModels.Outcome::value).toList());
        assertTrue(outcomes.stream().allMatch(ParallelModels.Outcome::succeeded));
        assertEquals(2, most.get());
    }

    @Test
    void oneAtATimeByDefault() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();

        new ParallelModels(1).run(configs("a", "b", "c"), config -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            pause();
            running.decrementAndGet();
            return null;
        });

        assertEquals(1, most.get());
    }

    @Test
    void aFailingModelIsItsOwnOutcomeAndTheOthersStillRun() throws Exception {
        List<ParallelModels.Outcome<String>> outcomes = new ParallelModels(2, 2).run(configs("a", "b", "c"),
                config -> {
                    if (config.name().equals("b")) {
                        throw new ModelException("b's booster is corrupt");
                    }
                    if (config.name().equals("c")) {
                        throw new IllegalStateException("bug");
                    }
                    return config.name();
                });

        assertEquals("a", outcomes.get(0).value());
        assertEquals("b's booster is corrupt", outcomes.get(1).failure().getMessage());
        assertNull(outcomes.get(1).value());
        assertFalse(outcomes.get(2).succeeded());
        assertTrue(outcomes.get(2).failure().getMessage().contains("Model c failed"));
    }

    @Test
    void sharesTheCoresOutUnlessAModelSetsItsOwnThreads() throws Exception {
        ModelConfig plain = ModelFixtures.config(dir, "plain", 5);
        ModelConfig own = TrainOnce.withThreads(plain, 3);

        assertEquals(4, new ParallelModels(2, 8).withThreadShare(plain).params().get("nthread"));
        assertEquals(1, new ParallelModels(4, 2).withThreadShare(plain).params().get("nthread"));
        assertEquals(3, new ParallelModels(4, 2).withThreadShare(own).params().get("nthread"));
        assertFalse(new ParallelModels(1, 8).withThreadShare(plain).params().containsKey("nthread"));
        assertThrows(IllegalArgumentException.class, () -> new ParallelModels(0));
    }

    @Test
    void modelsTrainedTogetherGetTheBoostersTheyGetAlone() throws Exception {
        ModelTraining.DataFiles data = ModelFixtures.dataset(dir.resolve("data"));
        List<ModelConfig> alone = List.of(ModelFixtures.config(dir.resolve("alone"), "xgba", 15),
                ModelFixtures.config(dir.resolve("alone"), "xgbb", 25));
        List<ModelConfig> together = List.of(ModelFixtures.config(dir.resolve("together"), "xgba", 15),
                ModelFixtures.config(dir.resolve("together"), "xgbb", 25));
        ModelTraining.Options options = new ModelTraining.Options(2, Duration.ofHours(1), dir.resolve("reports"));
        ModelTraining oneByOne = new ModelTraining(options, ModelFixtures.boosters(dir.resolve("alone-data")));
        ModelTraining twoAtOnce = new ModelTraining(options, ModelFixtures.boosters(dir.resolve("together-data")));

        List<ParallelModels.Outcome<ModelTraining.Outcome>> single = new ParallelModels(1).run(alone,
                config -> oneByOne.train(config, data));
        List<ParallelModels.Outcome<ModelTraining.Outcome>> outcomes = new ParallelModels(2).run(together,
                config -> twoAtOnce.train(config, data));

        assertTrue(outcomes.stream().allMatch(ParallelModels.Outcome::succeeded));
        for (int i = 0; i < alone.size(); i++) {
            Path first = single.get(i).value().booster();
            Path second = outcomes.get(i).value().booster();
            assertNotEquals(first, second, "two stores, two files");
            assertArrayEquals(ModelFixtures.bytes(first), ModelFixtures.bytes(second), alone.get(i).name());
        }
    }

    /** Long enough for a second model to start if it were allowed to. */
    private static void pause() throws ModelException {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException("interrupted");
        }
    }

    private List<ModelConfig> configs(String... names) throws Exception {
        List<ModelConfig> configs = new ArrayList<>();
        for (String name : names) {
            configs.add(ModelFixtures.config(dir, name, 5));
        }
        return configs;
    }
}
