import io.github.numeraipipeline.numerai.it.ItSandbox
import java.time.Duration

// Everything that goes wrong now and then, in one run: a dropped connection, a 503, a 429 and an answer slower
// than the response timeout on the API;
// a 503 and a transfer cut half way on a download; a failed PUT; a create_submission that fails before Numerai
// records it, and one whose answer is lost after it was recorded.
def faults = 'graphql-drop:1,graphql-5xx:1:503,graphql-429:1:1,graphql-slow:1:4000,download-5xx:1:503,download-cut:1,' +
        'upload-5xx:1:503,create-fail:1,create-lost:1'
context.put('sandbox', ItSandbox.start(basedir, sandboxPort, Duration.ofMinutes(-1), faults))
return true
