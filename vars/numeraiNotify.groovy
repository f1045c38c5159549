import io.github.numeraipipeline.jenkins.Notification
import groovy.transform.Field

@Field static final String PAYLOAD_FILE = '.numerai-notify.json'

/**
 * Tells a person that the build failed: a mail to an address, or a JSON POST to a webhook URL.
 * A notice that cannot be sent is logged and does not change the build result. See numeraiNotify.txt.
 */
@SuppressWarnings('CatchException') // a notice that fails must not become a second failure
void call(Map config = [:]) {
    String target = config.to?.toString()?.trim()
    String kind = Notification.kind(target)
    if (kind == null) {
        error("numeraiNotify: 'to' must be a mail address or an http(s) webhook URL, not '${target}'")
    }
    Map values = [
        job        : env.JOB_NAME,
        build      : env.BUILD_NUMBER,
        url        : env.BUILD_URL,
        result     : currentBuild.currentResult,
        description: currentBuild.description ?: ''
    ]
    try {
        if (kind == 'mail') {
            mail(to: target, subject: "Numerai: ${values.job} #${values.build} ${values.result}",
                    body: Notification.fill(libraryResource(Notification.MAIL_TEMPLATE), values))
        } else {
            writeFile(file: PAYLOAD_FILE, text: Notification.payload(values))
            withEnv(["NUMERAI_NOTIFY_URL=${target}", "NUMERAI_NOTIFY_PAYLOAD=${PAYLOAD_FILE}"]) {
                sh(script: libraryResource(Notification.WEBHOOK_SCRIPT), label: 'notify webhook')
            }
        }
    } catch (Exception e) {
        echo("numeraiNotify: could not notify (${kind}): ${e.message}")
    }
}
