package io.github.numeraipipeline.jenkins

import com.cloudbees.groovy.cps.NonCPS

/**
 * Owns: the keys of {@code numeraiNotify} and the checks of a caller's map.
 * Must not: say what a notice holds or where it goes ({@link Notification}), or call pipeline steps.
 * <p>
 * Pure functions of maps: hence {@code @NonCPS}.
 */
class NumeraiNotifyConfig implements Serializable {

    private static final long serialVersionUID = 1L

    /** Every key {@code numeraiNotify} accepts; none has a default, and one of the first two is required. */
    static final List<String> KEYS = ['to', 'webhookCredentialsId', 'agentLabel'].asImmutable()

    /** The problems of a caller's map, one sentence each; empty when it is fine. */
    @NonCPS
    static List<String> problems(Map config) {
        List<String> found = (config.keySet() - KEYS).collect {
            "unknown key '${it}' (known keys: ${KEYS.join(', ')})".toString()
        }
        String mailTo = config.to?.toString()?.trim()
        if (!mailTo && !config.webhookCredentialsId?.toString()?.trim()) {
            found << ("'to' (mail) or 'webhookCredentialsId' (a Secret text credential holding the webhook URL) is" +
                    ' required')
        }
        if (mailTo) {
            found.addAll(Notification.mailProblems('to', mailTo))
        }
        found
    }
}
