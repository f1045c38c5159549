package io.github.numeraipipeline.numerai.data;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of a Numerai dataset held column by column: ids, eras, data types, int8 features and float targets.
 *
 * <p>Features are one {@code byte[]} per feature (column-major, {@link #rowCount()} long) with values 0..4, or
 * {@link #MISSING} where the file has a null; the model layer turns that into NaN. Targets are one
 * {@code float[]} per target, NaN where the file has a null. Eras and data types have null entries when the file
 * has no such column (live files may lack {@code data_type}).
 *
 * <p>The arrays are handed out as they are, not copied, because a train frame is hundreds of megabytes: callers
 * must treat them as read-only.
 */
public final class FeatureFrame {
    /** The value of a feature that is null in the file. Real values are 0..4. */
    public static final byte MISSING = -1;
    /** Features are Numerai's five bins, 0..4. */
    public static final int MAX_VALUE = 4;

    private final String[] ids;
    private final String[] eras;
    private final String[] dataTypes;
    private final List<String> featureNames;
    private final byte[][] features;
    private final List<String> targetNames;
    private final float[][] targets;
    private final Map<String, Integer> featureIndex;

    public FeatureFrame(String[] ids, String[] eras, String[] dataTypes, List<String> featureNames, byte[][] features,
            List<String> targetNames, float[][] targets) {
        this.ids = ids;
        this.eras = eras;
        this.dataTypes = dataTypes;
        this.featureNames = List.copyOf(featureNames);
        this.features = features;
        this.targetNames = List.copyOf(targetNames);
        this.targets = targets;
        this.featureIndex = new HashMap<>();
        for (int i = 0; i < featureNames.size(); i++) {
            featureIndex.put(featureNames.get(i), i);
        }
    }

    /** The era of a row whose era is {@code era}: a file without an era column is one era. */
    public static String eraOf(String era) {
        return era == null ? "" : era;
    }

    public int rowCount() {
        return ids.length;
    }

    public List<String> ids() {
        return view(ids);
    }

    /** Era of each row ({@code "0001"}, ...); entries are null where the file has no {@code era} column. */
    public List<String> eras() {
        return view(eras);
    }

    /** {@code data_type} of each row ({@code "train"}, {@code "validation"}, ...), or nulls without the column. */
    public List<String> dataTypes() {
        return view(dataTypes);
    }

    /** Feature names in the order they were asked for, whatever the column order of the file. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** Values of the feature at {@code index} in {@link #featureNames()}: 0..4, or {@link #MISSING}. Read-only. */
    public byte[] feature(int index) {
        return features[index];
    }

    /** Values of the named feature: 0..4, or {@link #MISSING}. Read-only. */
    public byte[] feature(String name) {
        Integer index = featureIndex.get(name);
        if (index == null) {
            throw new IllegalArgumentException("no feature " + name + " in this frame");
        }
        return features[index];
    }

    public List<String> targetNames() {
        return targetNames;
    }

    /** Values of the named target, NaN where the file has none. Read-only. */
    public float[] target(String name) {
        int index = targetNames.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no target " + name + " in this frame; it has " + targetNames);
        }
        return targets[index];
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) as a frame of their own; the values are copied. */
    public FeatureFrame rows(int from, int to) {
        byte[][] slicedFeatures = new byte[features.length][];
        for (int f = 0; f < features.length; f++) {
            slicedFeatures[f] = Arrays.copyOfRange(features[f], from, to);
        }
        float[][] slicedTargets = new float[targets.length][];
        for (int t = 0; t < targets.length; t++) {
            slicedTargets[t] = Arrays.copyOfRange(targets[t], from, to);
        }
        return new FeatureFrame(Arrays.copyOfRange(ids, from, to), Arrays.copyOfRange(eras, from, to),
                Arrays.copyOfRange(dataTypes, from, to), featureNames, slicedFeatures, targetNames, slicedTargets);
    }

    /** This frame's rows, then {@code next}'s, which has the same features and targets in the same order. */
    public FeatureFrame append(FeatureFrame next) {
        if (!featureNames.equals(next.featureNames) || !targetNames.equals(next.targetNames)) {
            throw new IllegalArgumentException("frames of different columns cannot be appended");
        }
        int rows = rowCount() + next.rowCount();
        byte[][] joinedFeatures = new byte[features.length][];
        for (int f = 0; f < features.length; f++) {
            joinedFeatures[f] = join(features[f], next.features[f], new byte[rows]);
        }
        float[][] joinedTargets = new float[targets.length][];
        for (int t = 0; t < targets.length; t++) {
            joinedTargets[t] = join(targets[t], next.targets[t], new float[rows]);
        }
        return new FeatureFrame(join(ids, next.ids, new String[rows]), join(eras, next.eras, new String[rows]),
                join(dataTypes, next.dataTypes, new String[rows]), featureNames, joinedFeatures, targetNames,
                joinedTargets);
    }

    private static <A> A join(A first, A second, A into) {
        int length = java.lang.reflect.Array.getLength(first);
        System.arraycopy(first, 0, into, 0, length);
        System.arraycopy(second, 0, into, length, java.lang.reflect.Array.getLength(second));
        return into;
    }

    private static List<String> view(String[] values) {
        return Collections.unmodifiableList(Arrays.asList(values));
    }
}
