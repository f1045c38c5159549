package io.github.numeraipipeline.numerai.model;

import io.github.numeraipipeline.numerai.NumeraiException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs one task per model, up to {@code parallelModels} at a time, each independent of the others: a failing
 * model does not stop the rest, and the outcomes come back in the order of the configs. The machine's cores are
 * shared out: a model whose params set no {@code nthread} gets {@code cores / parallelModels} (at least 1), so
 * that models running together do not oversubscribe the cores. Results do not depend on it: XGBoost's {@code hist}
 * boosters are the same for any thread count.
 */
public final class ParallelModels {
    private static final String NTHREAD = "nthread";

    /** The work done for one model. */
    @FunctionalInterface
    public interface Task<T> {
        T run(ModelConfig config) throws NumeraiException;
    }

    /** A model's result, or why it has none. */
    public record Outcome<T>(ModelConfig config, T value, NumeraiException failure) {
        public boolean succeeded() {
            return failure == null;
        }
    }

    private final int parallelModels;
    private final int cores;

    public ParallelModels(int parallelModels) {
        this(parallelModels, Runtime.getRuntime().availableProcessors());
    }

    ParallelModels(int parallelModels, int cores) {
        if (parallelModels < 1) {
            throw new IllegalArgumentException("parallelModels must be at least 1: " + parallelModels);
        }
        this.parallelModels = parallelModels;
        this.cores = cores;
    }

    /** Runs the task for every config; a model's exception is its outcome, never thrown from here. */
    public <T> List<Outcome<T>> run(List<ModelConfig> configs, Task<T> task) {
        List<ModelConfig> shared = configs.stream().map(this::withThreadShare).toList();
        if (parallelModels == 1 || configs.size() < 2) {
            return shared.stream().map(config -> runOne(config, task)).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelModels, configs.size()), work -> {
            Thread thread = new Thread(work, "numerai-model");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Outcome<T>>> futures = new ArrayList<>();
            shared.forEach(config -> futures.add(pool.submit(() -> runOne(config, task))));
            List<Outcome<T>> outcomes = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                outcomes.add(await(futures.get(i), shared.get(i)));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The config with its share of the cores as {@code nthread}, unless it sets its own. Not LightGBM's: its model
     * depends on its thread count, which {@link LgbmParams} fixes ({@code nthread} is an alias of its
     * {@code num_threads}).
     */
    ModelConfig withThreadShare(ModelConfig config) {
        if (parallelModels == 1 || config.params().containsKey(NTHREAD)
                || !config.type().equals(ModelLibrary.XGBOOST.key())) { // LightGBM fixes its own; an ensemble has none
            return config;
        }
        return config.withParam(NTHREAD, Math.max(1, cores / parallelModels));
    }

    private static <T> Outcome<T> runOne(ModelConfig config, Task<T> task) {
        try {
            return new Outcome<>(config, task.run(config), null);
        } catch (NumeraiException e) {
            return new Outcome<>(config, null, e);
        } catch (RuntimeException e) {
            return new Outcome<>(config, null, ModelException.fault("Model " + config.name() + " failed: " + e, e));
        }
    }

    private static <T> Outcome<T> await(Future<Outcome<T>> future, ModelConfig config) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome<>(config, null, ModelException.fault("Interrupted while model " + config.name()
                    + " ran", e));
        } catch (ExecutionException e) {
            // runOne catches every exception; only an Error gets here
            throw new IllegalStateException("Model " + config.name() + " failed: " + e.getCause(), e.getCause());
        }
    }
}
