// The build failed on the schemas, listing every error with its id, file, line:column and pointer.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('kafkaesk: 4 schema errors:') : 'errors are reported together'
assert log.contains('[kafkaesk:stream-conflict] article.json:4:17 at /x-kafkaesk/streams/0: stream content.edited is claimed by schema ids Article, Content')
assert log.contains('[kafkaesk:bad-metadata] content.json:4:16 at /x-kafkaesk/version: invalid value 0 for x-kafkaesk.version: must have a minimum value of 1')
assert log.contains('[kafkaesk:unresolved-ref] content.json:9:25 at /properties/author/$ref: $ref "people.json#/$defs/Author" points to people.json, which does not exist')
assert log.contains('fix: ')
assert !new File(basedir, 'target/generated-sources/kafkaesk/com/acme/events/Content.java').exists()
return true
