// Code generation does not need Kafka's broker: the plugin's class realm (every jar Maven resolved for the plugin,
// listed by -X) has the code generator and neither kafkaesk-test nor kafka_2.13, and nothing resolved them.
def log = new File(basedir, 'build.log').text
def start = log.indexOf('Populating class realm plugin>io.kafkaesk:kafkaesk-maven-plugin')
assert start >= 0 : 'no class realm of the plugin in the debug log'
def realm = log.substring(start).readLines().drop(1).takeWhile { it.contains('Included: ') }
assert realm.any { it.contains('io.kafkaesk:kafkaesk-codegen:jar') } : "the realm lacks the code generator: ${realm}"
assert !realm.any { it.contains('kafkaesk-test') || it.contains('kafka_2.13') } : "the realm holds the broker: ${realm}"
assert !log.contains('kafka_2.13') : 'the build resolved kafka_2.13'
def note = new File(basedir, 'target/generated-sources/kafkaesk/com/acme/notes/Note.java')
assert note.isFile()
// <dataClasses>javabeans</dataClasses> reached the code generator: a JavaBean, not a value with a builder.
assert note.text.contains('public void setText(String text)') && !note.text.contains('public static Note.Builder builder()')
assert log.contains('BUILD SUCCESS')
return true
