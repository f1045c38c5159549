import io.github.numeraipipeline.numerai.it.ItSandbox
import java.time.Duration

// Everything that goes wrong now and then, in one run: a dropped connection, a burst of 503s and a 429 on the API;
// a 503 and a transfer cut half way on a download; a failed PUT; a create_submission that fails before Numerai
// records it, and one whose answer is lost after it was recorded.
def faults = 'graphql-drop:1,graphql-5xx:2:503,graphql-429:1:1,download-5xx:1:503,download-cut:1,' +
        'upload-5xx:1:503,create-fail:1,create-lost:1'
context.put('sandbox', ItSandbox.start(basedir, sandboxPort, Duration.ofMinutes(-1), faults))
return true
