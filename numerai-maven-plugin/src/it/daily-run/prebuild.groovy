import io.github.numeraipipeline.numerai.it.ItSandbox

context.put('sandbox', ItSandbox.start(basedir, sandboxPort))
context.put('nextDay', ItSandbox.startNextDay(basedir, nextDayPort))
return true
