// The generated project built and its tests ran green: read its Surefire reports, not just BUILD SUCCESS
// (Maven 3.8's default Surefire 2.12 would run no JUnit 5 test and still succeed).
// basedir is this directory; the archetype plugin generates the project into project/<artifactId>.
def project = new File(basedir, 'project/greetings')
def reports = new File(project, 'target/surefire-reports')
assert reports.isDirectory() : "no Surefire reports in ${reports}"
int tests = 0, failures = 0, errors = 0, skipped = 0
reports.eachFileMatch(~/TEST-.*\.xml/) { file ->
    def suite = new groovy.xml.XmlSlurper().parse(file)
    tests += suite.@tests.toInteger()
    failures += suite.@failures.toInteger()
    errors += suite.@errors.toInteger()
    skipped += suite.@skipped.toInteger()
}
println "generated project: ${tests} tests, ${failures} failures, ${errors} errors, ${skipped} skipped"
assert tests == 2 : "expected the 2 tests of GreetingServiceTest to run, ran ${tests}"
assert failures == 0 && errors == 0 && skipped == 0
['src/main/schemas/greeting.json', 'src/main/java/com/example/greetings/Worker.java',
 'src/main/resources/logback.xml', 'README.md',
 'target/generated-sources/kafkaesk/com/example/greetings/events/GreetingPublisher.java'].each { path ->
    assert new File(project, path).isFile() : "missing ${path}"
}
def readme = new File(project, 'README.md').text
assert readme.startsWith('# greetings') : 'the README names the project'
assert readme.contains('## Run')
return true
