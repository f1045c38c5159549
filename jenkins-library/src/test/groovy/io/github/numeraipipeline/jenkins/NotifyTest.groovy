package io.github.numeraipipeline.jenkins

import io.github.numeraipipeline.jenkins.harness.FlowInterrupted
import io.github.numeraipipeline.jenkins.harness.PipelineError
import org.junit.jupiter.api.Test

import static org.junit.jupiter.api.Assertions.assertThrows

/** numeraiNotify: mail and/or a webhook from a Secret text credential; failures logged, aborts passed on. */
class NotifyTest extends LibraryTestSupport {

    @Test
    void 'a mail needs no agent'() {
        jenkins.run('numeraiNotify', [to: 'desk@example.com'])

        assert only('mail').node == null && only('mail').named.to == 'desk@example.com'
        assert !jenkins.allocations
    }

    @Test
    void 'outside a node the webhook notice takes an agent of the label, and posts from there'() {
        def hook = webhook()

        jenkins.run('numeraiNotify', [webhookCredentialsId: 'desk-webhook', agentLabel: 'numerai'])

        assert jenkins.allocations == [[stage: null, label: 'numerai']]
        assert only('sh').node == 'numerai' && only('sh').named.label == 'notify webhook'
        assert hook.requests.size() == 1
    }

    @Test
    void 'inside a node the webhook notice uses it'() {
        def hook = webhook()

        jenkins.runOnAgent('numeraiNotify', [webhookCredentialsId: 'desk-webhook'])

        assert jenkins.allocations.size() == 1: 'only the node of the test'
        assert hook.requests.size() == 1
    }

    @Test
    void 'mail and webhook together: the mail first, as it needs no agent'() {
        webhook()

        jenkins.run('numeraiNotify', [to: 'desk@example.com', webhookCredentialsId: 'desk-webhook'])

        assert jenkins.calls*.name.findAll { it in ['mail', 'node'] } == ['mail', 'node']
    }

    @Test
    void 'a URL as mail target is refused, pointing to the credential'() {
        PipelineError error = assertThrows(PipelineError) {
            jenkins.run('numeraiNotify', [to: 'https://hooks.slack.com/services/T0/B0/token'])
        }

        assert error.message.startsWith("numeraiNotify: 'to' is a webhook URL")
        assert error.message.endsWith('store it as a Secret text credential and give its id as webhookCredentialsId')
        assert !jenkins.called('mail') && !jenkins.called('sh')
    }

    @Test
    void 'without a target, or with an unknown key, the step says what it takes'() {
        PipelineError none = assertThrows(PipelineError) { jenkins.run('numeraiNotify', [:]) }
        PipelineError unknown = assertThrows(PipelineError) { jenkins.run('numeraiNotify', [url: 'x', to: 'a@b.c']) }

        assert none.message == "numeraiNotify: 'to' (mail) or 'webhookCredentialsId' (a Secret text credential" +
            " holding the webhook URL) is required"
        assert unknown.message == "numeraiNotify: unknown key 'url' (known keys: to, webhookCredentialsId, agentLabel)"
    }

    @Test
    void 'a notice that cannot be sent is logged, and the other one still goes'() {
        def hook = webhook()
        jenkins.step('mail') { Map args -> throw new PipelineError('Could not connect to SMTP host: mail.example') }

        jenkins.run('numeraiNotify', [to: 'desk@example.com', webhookCredentialsId: 'desk-webhook'])

        assert jenkins.log.contains('numeraiNotify: could not notify (mail): Could not connect to SMTP host: mail.example')
        assert hook.requests.size() == 1
    }

    @Test
    void 'a webhook credential of the wrong kind is logged like any failed notice'() {
        jenkins.run('numeraiNotify', [webhookCredentialsId: 'numerai-api'])

        assert jenkins.log.any { it.startsWith('numeraiNotify: could not notify (webhook): Credentials \'numerai-api\'') }
    }

    @Test
    void 'a webhook credential that is not an http(s) URL fails the notice, without showing it'() {
        jenkins.credentials['desk-webhook'] = [secret: 'hooks.example/T0/token123']

        jenkins.run('numeraiNotify', [webhookCredentialsId: 'desk-webhook'])

        assert jenkins.log.contains('numeraiNotify: the webhook credential must hold an http(s) URL')
        assert !jenkins.log.any { it.contains('token123') }
        assert !realShell.commandLines*.first().contains('curl')
    }

    @Test
    void 'an abort while a notice is sent is passed on, not logged as a failed notice'() {
        jenkins.step('mail') { Map args -> throw new FlowInterrupted('Aborted by desk-admin') }

        FlowInterrupted abort = assertThrows(FlowInterrupted) {
            jenkins.run('numeraiNotify', [to: 'desk@example.com', webhookCredentialsId: 'desk-webhook'])
        }

        assert abort.message == 'Aborted by desk-admin'
        assert !jenkins.log.any { it.startsWith('numeraiNotify: could not notify') }
        assert !jenkins.called('node'): 'nothing more after the abort'
    }
}
