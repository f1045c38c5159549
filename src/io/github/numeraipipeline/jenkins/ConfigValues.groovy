package io.github.numeraipipeline.jenkins

import com.cloudbees.groovy.cps.NonCPS

import java.time.Duration
import java.time.format.DateTimeParseException

/**
 * Owns: how the steps read one value of a user's map (blank or not, a model list, a duration, a whole number).
 * Must not: know any step's keys or messages; every class may use it, it uses none of them.
 * <p>
 * A configuration value comes from a Jenkinsfile as whatever the user wrote (a String, a GString, a number, a list,
 * null), so every reading goes through {@code toString()}. Pure functions: hence {@code @NonCPS}.
 */
class ConfigValues implements Serializable {

    private static final long serialVersionUID = 1L

    /** Null, empty or only white space. */
    @NonCPS
    static boolean blank(Object value) {
        value == null || value.toString().trim().empty
    }

    /** A model list given as a list or a comma string, trimmed, without blanks. */
    @NonCPS
    static List<String> modelList(Object models) {
        if (models == null) {
            return []
        }
        List<Object> items = models instanceof Collection ? models as List : models.toString().split(',') as List
        items.collect { it == null ? '' : it.toString().trim() }.findAll { it } as List<String>
    }

    /** An ISO-8601 duration above zero, else null. */
    @NonCPS
    static Duration duration(Object text) {
        try {
            Duration parsed = Duration.parse(text.toString())
            parsed.negative || parsed.zero ? null : parsed
        } catch (DateTimeParseException ignored) {
            null
        }
    }

    /** A whole number from 1 to 999,999,999, as a number or its digits (leading zeros allowed). */
    @NonCPS
    static boolean positiveInteger(Object value) {
        value.toString() ==~ /0*[1-9]\d{0,8}/
    }
}
