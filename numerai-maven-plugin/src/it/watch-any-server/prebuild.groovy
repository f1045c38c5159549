// The round opens 12 s after the hook runs: long enough for a cold Maven to start and see it closed first.
import io.github.numeraipipeline.numerai.sandbox.GeneratedDatasets
import io.github.numeraipipeline.numerai.sandbox.SandboxOptions
import io.github.numeraipipeline.numerai.sandbox.SandboxServer
import java.time.Duration

def options = SandboxOptions.defaults().withPort(Integer.parseInt(sandboxPort)).withRoundOpensIn(Duration.ofSeconds(12))
context.put('sandbox', SandboxServer.start(options, new GeneratedDatasets(options.data(), new File(basedir, 'served').toPath())))
return true
