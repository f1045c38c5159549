package io.github.numeraipipeline.jenkins

import com.cloudbees.groovy.cps.NonCPS
import groovy.json.JsonOutput

/**
 * Owns: where a failure notice goes (mail, or a webhook whose URL is a Secret text credential) and what it says.
 * Must not: send it (numeraiNotify does, with mail and the webhook script), or hold a webhook URL in a step argument.
 */
class Notification implements Serializable {

    private static final long serialVersionUID = 1L

    static final String MAIL_TEMPLATE = 'io/github/numeraipipeline/jenkins/failure-mail.txt'
    static final String WEBHOOK_SCRIPT = 'io/github/numeraipipeline/jenkins/notify-webhook.sh'

    /** {@code 'webhook'} for an http(s) URL, {@code 'mail'} for an address (or a comma list of them), else null. */
    @NonCPS
    static String kind(String target) {
        String text = target?.trim()
        if (!text) {
            return null
        }
        if (text ==~ /(?i)https?:\/\/\S+/) {
            return 'webhook'
        }
        text.split(',').every { it.trim() ==~ /[^@\s]+@[^@\s]+/ } ? 'mail' : null
    }

    /**
     * The problems of a mail target given as {@code key}. A webhook URL is refused: its token would be a step
     * argument, which Jenkins keeps in the build's flow graph for anyone with Read on the job.
     */
    @NonCPS
    static List<String> mailProblems(String key, String target) {
        switch (kind(target)) {
            case 'mail':
                return []
            case 'webhook':
                return [("'${key}' is a webhook URL, which as a step argument anyone with Read on the job can see" +
                        ' in the build\'s steps: store it as a Secret text credential and give its id as' +
                        ' webhookCredentialsId').toString()]
            default:
                return ["'${key}' must be a mail address or a comma list of them, not '${target}'".toString()]
        }
    }

    /** The template with each {@code ${key}} replaced by its value; no Groovy evaluation. */
    @NonCPS
    static String fill(String template, Map values) {
        String text = template
        values.each { key, value -> text = text.replace('${' + key + '}', String.valueOf(value)) }
        text
    }

    /** A JSON body that chat webhooks (Slack, Mattermost, Teams workflows) show as text, with the details too. */
    @NonCPS
    static String payload(Map values) {
        String text = "${values.job} #${values.build}: ${values.result} - ${values.url}"
        JsonOutput.toJson([text: text] + values)
    }
}
