package io.github.numeraipipeline.numerai.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ensembles of a models directory: their members must be configs of the same directory and must not lead back
 * to the ensemble; naming an ensemble in {@code numerai.models} brings its members along, as internal configs.
 */
final class Ensembles {
    private Ensembles() {
    }

    /** Every member names a config; no ensemble reaches itself through its members. */
    static void check(Map<String, ModelConfig> byName) throws ModelConfigException {
        for (ModelConfig config : byName.values()) {
            if (!config.isEnsemble()) {
                continue;
            }
            for (String member : config.ensemble().members()) {
                if (!byName.containsKey(member)) {
                    throw new ModelConfigException("Model config " + config.source() + ": \"ensemble.members\" names"
                            + " \"" + member + "\", but the models directory has no config of that name; it has "
                            + new TreeSet<>(byName.keySet()));
                }
            }
        }
        for (ModelConfig config : byName.values()) {
            List<String> path = new ArrayList<>();
            path.add(config.name());
            findCycle(config, byName, path);
        }
    }

    private static void findCycle(ModelConfig config, Map<String, ModelConfig> byName, List<String> path)
            throws ModelConfigException {
        if (!config.isEnsemble()) {
            return;
        }
        for (String member : config.ensemble().members()) {
            if (member.equals(path.get(0))) {
                path.add(member);
                throw new ModelConfigException("Model config " + byName.get(path.get(0)).source() + ": the ensemble"
                        + " is a member of itself through " + String.join(" -> ", path) + "; remove one of these"
                        + " members (\"ensemble.members\")");
            }
            if (!path.contains(member)) {
                path.add(member);
                findCycle(byName.get(member), byName, path);
                path.remove(path.size() - 1);
            }
        }
    }

    /**
     * The chosen configs, then the members they need that were not chosen, kept internal ({@code submit} false):
     * naming an ensemble predicts its members, it does not upload them.
     */
    static List<ModelConfig> withMembers(List<ModelConfig> chosen, Map<String, ModelConfig> byName) {
        Map<String, ModelConfig> all = new LinkedHashMap<>();
        chosen.forEach(config -> all.put(config.name(), config));
        List<ModelConfig> pending = new ArrayList<>(chosen);
        while (!pending.isEmpty()) {
            ModelConfig config = pending.remove(0);
            if (!config.isEnsemble()) {
                continue;
            }
            for (String member : config.ensemble().members()) {
                if (!all.containsKey(member)) {
                    ModelConfig internal = byName.get(member).withSubmit(false);
                    all.put(member, internal);
                    pending.add(internal);
                }
            }
        }
        return List.copyOf(all.values());
    }

    /** The ensembles among the configs, each after the ensembles it has as members. */
    static List<ModelConfig> inOrder(List<ModelConfig> configs) {
        Map<String, ModelConfig> byName = new LinkedHashMap<>();
        configs.forEach(config -> byName.put(config.name(), config));
        Set<String> done = new LinkedHashSet<>();
        List<ModelConfig> ordered = new ArrayList<>();
        for (ModelConfig config : configs) {
            visit(config, byName, done, ordered);
        }
        return ordered;
    }

    private static void visit(ModelConfig config, Map<String, ModelConfig> byName, Set<String> done,
            List<ModelConfig> ordered) {
        if (config == null || !config.isEnsemble() || !done.add(config.name())) {
            return;
        }
        for (String member : config.ensemble().members()) {
            visit(byName.get(member), byName, done, ordered);
        }
        ordered.add(config);
    }
}
