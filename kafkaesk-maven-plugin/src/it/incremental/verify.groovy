// Three builds of the same project: the first generates (11 sources and resources, 3 AsyncAPI files), the second
// finds nothing changed, the third (one schema fewer) deletes that schema's files and rewrites the AsyncAPI ones.
def log = new File(basedir, 'build.log').text
def summaries = log.readLines().findAll { it.contains('kafkaesk: ') && it.contains('schema(s)') }
println "kafkaesk summaries:\n" + summaries.join('\n')
assert summaries.size() == 3 : "expected one kafkaesk summary per build, got ${summaries}"
assert summaries[0] =~ /kafkaesk: 2 schema\(s\): 15 file\(s\) written, 0 unchanged, 0 deleted/
assert summaries[1] =~ /kafkaesk: 2 schema\(s\) unchanged, nothing to generate/
assert summaries[2] =~ /kafkaesk: 1 schema\(s\): 4 file\(s\) written, 6 unchanged, 5 deleted/
def gen = new File(basedir, 'target/generated-sources/kafkaesk/com/acme/events')
assert new File(gen, 'ContentSchema.java').isFile()
assert !new File(gen, 'Comment.java').exists()
assert !new File(gen, 'CommentSubscriber.java').exists()
assert !new File(basedir, 'target/generated-resources/kafkaesk/META-INF/kafkaesk/schemas/com/acme/events/comment.json').exists()
// The index is registered for ServiceLoader, so applications find the schemas without code.
def services = new File(basedir, 'target/generated-resources/kafkaesk/META-INF/services/io.kafkaesk.SchemaIndex')
assert services.text == 'com.acme.events.KafkaeskSchemas\n'
return true
