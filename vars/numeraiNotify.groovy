import io.github.numeraipipeline.jenkins.Notification
import io.github.numeraipipeline.jenkins.NumeraiNotifyConfig
import groovy.transform.Field

@Field static final String PAYLOAD_FILE = '.numerai-notify.json'

/**
 * Tells a person that the build failed: a mail to an address, and/or a JSON POST to a webhook whose URL is a Secret
 * text credential. A notice that cannot be sent is logged and does not change the build result; an abort is not
 * such a failure and ends the step. See numeraiNotify.txt.
 */
void call(Map config = [:]) {
    List<String> problems = NumeraiNotifyConfig.problems(config)
    if (problems) {
        error("numeraiNotify: ${problems.join('; ')}")
    }
    Map values = [
        job        : env.JOB_NAME,
        build      : env.BUILD_NUMBER,
        url        : env.BUILD_URL,
        result     : currentBuild.currentResult,
        description: currentBuild.description ?: ''
    ]
    String mailTo = config.to?.toString()?.trim()
    if (mailTo) {
        send('mail') {
            mail(to: mailTo, subject: "Numerai: ${values.job} #${values.build} ${values.result}",
                    body: Notification.fill(libraryResource(Notification.MAIL_TEMPLATE), values))
        }
    }
    String webhook = config.webhookCredentialsId?.toString()?.trim()
    if (webhook) {
        send('webhook') {
            onAgent(config.agentLabel?.toString()?.trim() ?: '') { postToWebhook(webhook, values) }
        }
    }
}

/**
 * Runs one notice. A notice that fails is logged, not a second failure; an interruption (an abort, the build
 * timeout: FlowInterruptedException, an InterruptedException) goes on, so that the build ends as aborted.
 */
@SuppressWarnings('CatchException')
void send(String kind, Closure notice) {
    try {
        notice()
    } catch (InterruptedException interruption) {
        throw interruption
    } catch (Exception e) {
        echo("numeraiNotify: could not notify (${kind}): ${e.message}")
    }
}

/** In the current node's workspace, or (in a post section with {@code agent none}) on an agent of the label. */
void onAgent(String label, Closure body) {
    if (env.NODE_NAME) {
        body()
    } else {
        node(label) { body() }
    }
}

void postToWebhook(String credentialsId, Map values) {
    writeFile(file: PAYLOAD_FILE, text: Notification.payload(values))
    withCredentials([string(credentialsId: credentialsId, variable: 'NUMERAI_NOTIFY_URL')]) {
        withEnv(["NUMERAI_NOTIFY_PAYLOAD=${PAYLOAD_FILE}"]) {
            sh(script: libraryResource(Notification.WEBHOOK_SCRIPT), label: 'notify webhook')
        }
    }
}
