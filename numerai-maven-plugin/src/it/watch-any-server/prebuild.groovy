// The round is open, but the sandbox answers the first question for it as between rounds: watch must see it
// closed, wait a poll interval and find it open, however long a cold Maven takes to start.
import io.github.numeraipipeline.numerai.sandbox.GeneratedDatasets
import io.github.numeraipipeline.numerai.sandbox.SandboxOptions
import io.github.numeraipipeline.numerai.sandbox.SandboxServer

def options = SandboxOptions.defaults().withPort(Integer.parseInt(sandboxPort))
def sandbox = SandboxServer.start(options, new GeneratedDatasets(options.data(), new File(basedir, 'served').toPath()))
sandbox.faults().keepRoundClosed(1)
context.put('sandbox', sandbox)
return true
