package io.github.numeraipipeline.jenkins

import com.cloudbees.groovy.cps.NonCPS
import groovy.json.JsonOutput

/** Where a failure notice goes (mail or webhook) and what it says. */
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
